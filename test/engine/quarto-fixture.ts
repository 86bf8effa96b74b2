// A Quarto document with OJS cells and the data file it reads, as a teacher would bring them.

export const iceCreamQmd = `---
title: "Ice cream and heat"
format: html
---

Hotter days sell more ice cream: \`{ojs} sales.length\` days of it.

\`\`\`{ojs}
//| echo: false
sales = FileAttachment("ice-cream.csv").csv({typed: true})
\`\`\`

\`\`\`{ojs}
//| code-fold: true
//| fig-cap: "Sales by temperature"
// The slope of the line through the first and last day.
slope = (sales.at(-1).sales - sales[0].sales) / (sales.at(-1).temperature - sales[0].temperature)
hottest = Math.max(...sales.map((d) => d.temperature))
\`\`\`

\`\`\`{ojs}
//| output: false
helper = 1
\`\`\`

\`\`\`{python}
print("not here")
\`\`\`
`;

export const iceCreamCsv = "temperature,sales\n14.2,215\n16.4,325\n11.9,185\n18.1,410\n";
