/** One colour per concept, the same in every chapter; CSS variables, so dark mode follows. */
export const palette = {
  data: "var(--data)",
  model: "var(--model)",
  loss: "var(--loss)",
  gradient: "var(--gradient)",
  path: "var(--path)",
  hidden: "var(--hidden)",
  positive: "var(--positive)",
  negative: "var(--negative)"
} as const;
