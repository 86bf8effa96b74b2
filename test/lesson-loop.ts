// The lesson's data and its descent loop, written out independently of the page, for tests to
// check the page's numbers against, bit for bit.

export type Pair = [number, number];
export type Params = {w: number; b: number};

/** The data as LESSON.md ships them. */
export const DATA: Pair[] = [[1, 0.85], [2, 1.43], [3, 1.92], [4, 2.59], [5, 3.2], [6, 3.82], [7, 4.38], [8, 4.97]];

export function lossAt(data: Pair[], w: number, b: number): number {
  let sum = 0;
  for (const [x, y] of data) sum += (w * x + b - y) ** 2;
  return sum / 2;
}

/** ∂L/∂w = Σ (w·x_i + b − y_i)·x_i and ∂L/∂b = Σ (w·x_i + b − y_i), summed in data order. */
export function gradientAt(data: Pair[], w: number, b: number): Pair {
  let dw = 0;
  let db = 0;
  for (const [x, y] of data) {
    const error = w * x + b - y;
    dw += error * x;
    db += error;
  }
  return [dw, db];
}

/** k steps of gradient descent from (w, b): the lesson's loop, in the same order of operations. */
export function descend(data: Pair[], learningRate: number, k: number, start: Params = {w: 1, b: 0}): Params {
  let {w, b} = start;
  for (let i = 0; i < k; ++i) {
    const [dw, db] = gradientAt(data, w, b);
    w = w - learningRate * dw;
    b = b - learningRate * db;
  }
  return {w, b};
}
