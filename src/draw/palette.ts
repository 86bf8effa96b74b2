/** One colour per concept, the same in every chapter; CSS variables, so dark mode follows. */
export const palette = {
  data: "var(--data)",
  model: "var(--model)",
  loss: "var(--loss)",
  gradient: "var(--gradient)",
  path: "var(--path)",
  hidden: "var(--hidden)",
  positive: "var(--positive)",
  negative: "var(--negative)",
  /** Runs side by side (kept runs): four colours apart from each other and from the rest. */
  runs: ["var(--run-1)", "var(--run-2)", "var(--run-3)", "var(--run-4)"]
} as const;
