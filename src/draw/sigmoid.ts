/** The logistic function σ(z) = 1 / (1 + e^−z), which the diagrams use to show neuron outputs. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
