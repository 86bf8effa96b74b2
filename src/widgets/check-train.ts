import type {Train, TrainingState} from "./trainer.js";

/** Options for checking a reader's train loop. */
export interface CheckTrainOptions<S extends TrainingState> {
  /** A state to start from (as the trainer's). */
  start: S;
  /** One step, state to state (without the counter): what each time round the loop should do. */
  update: (params: Omit<S, "iteration_counter">) => Omit<S, "iteration_counter">;
  /** How many iterations to try (100). */
  iterations?: number;
  document?: Document;
}

/** What a reader's train does, judged against `iterations` calls of update. */
export type Verdict = {solved: true; message: string} | {solved: false; message: string};

/**
 * Runs a reader's `train` on its own, away from the page's training, and says what is still
 * missing in the reader's terms: a loop that never calls update, a missing return, a loop that
 * ignores its iterations or the state it is given. Solved means equal to the last bit to calling
 * update that many times.
 */
export function judgeTrain<S extends TrainingState>(train: unknown, options: CheckTrainOptions<S>): Verdict {
  const {start, update, iterations = 100} = options;
  const names = Object.keys(start);
  const params = names.filter((k) => k !== "iteration_counter");
  const list = params.join(" and ");
  if (typeof train !== "function") return {solved: false, message: `train should be a function, written ({${names.join(", ")}}, iterations) => { … }; right now it is ${train === null ? "null" : `a ${typeof train}`}.`};
  const expected = (from: S, k: number) => {
    let p: Record<string, unknown> = strip(from);
    for (let i = 0; i < k; ++i) p = update(p as Omit<S, "iteration_counter">) as Record<string, unknown>;
    return p;
  };
  const attempt = (from: S, k: number): unknown => (train as Train<S>)({...from}, k);
  let got: unknown;
  try {
    got = attempt(start, iterations);
  } catch (error) {
    return {solved: false, message: `train stops with an error when it runs: ${(error as Error)?.message ?? error}.`};
  }
  if (got === undefined) {
    return {solved: false, message: `train gives back nothing. A function written with { } braces hands back only what it returns: end it with return {${names.join(", ")}}.`};
  }
  if (got === null || typeof got !== "object") return {solved: false, message: `train should give back {${names.join(", ")}}, not ${got === null ? "null" : `a ${typeof got}`}.`};
  const result = got as Record<string, unknown>;
  const counted = (result.iteration_counter as number) - start.iteration_counter;
  if (counted === 0 || result.iteration_counter === undefined) {
    return {solved: false, message: `After ${iterations} iterations iteration_counter still says ${start.iteration_counter}: add 1 to it each time round the loop (and give it back).`};
  }
  if (counted !== iterations) {
    return {solved: false, message: `Asked for ${iterations} iterations, train counted ${counted}. The loop should run iterations times: use the iterations it is given, not a number of its own.`};
  }
  const want = expected(start, iterations);
  if (params.every((k) => Object.is(result[k], start[k]))) {
    return {solved: false, message: `The counter moves, but ${list} stay at ${params.map((k) => String(start[k])).join(" and ")}: nothing in the loop changes them yet. Each time round, hand ${list} to update and keep what it gives back.`};
  }
  if (params.every((k) => Object.is(result[k], want[k]))) {
    // The same loop from elsewhere must land where update says, too: a loop that ignores the
    // state it is given (starting from numbers of its own) is not train yet.
    const other = {...start, ...Object.fromEntries(params.map((k) => [k, (start[k] as number) / 2 + 0.25]))} as S;
    let again: unknown;
    try {
      again = attempt(other, 3);
    } catch (error) {
      return {solved: false, message: `train stops with an error when it starts elsewhere: ${(error as Error)?.message ?? error}.`};
    }
    const wantAgain = expected(other, 3);
    if (!params.every((k) => Object.is((again as Record<string, unknown> | null)?.[k], wantAgain[k]))) {
      return {solved: false, message: `train gives the right answer from ${describe(start, params)} only: started elsewhere it does not follow from the ${list} it is given. Use its parameters, not numbers of its own.`};
    }
    return {solved: true, message: `Solved! After ${iterations} iterations your train gives ${describe(result, params)}: exactly, to the last bit, what ${iterations} steps of gradient descent give. Press Play and watch it fit the line.`};
  }
  return {solved: false, message: `Not yet: after ${iterations} iterations your train gives ${describe(result, params)}, but ${iterations} steps of update give ${describe(want, params)}. Call update once each time round, and keep both of what it gives back.`};
}

/** The verdict on a reader's train as a notice on the page (`data-solved` when it is right). */
export function checkTrain<S extends TrainingState>(train: unknown, options: CheckTrainOptions<S>): HTMLElement {
  const {document = globalThis.document} = options;
  const verdict = judgeTrain(train, options);
  const notice = document.createElement("div");
  notice.className = `notice${verdict.solved ? " notice-solved" : ""}`;
  notice.setAttribute("role", "status");
  if (verdict.solved) notice.dataset.solved = "";
  notice.textContent = verdict.message;
  return notice;
}

function strip<S extends TrainingState>(state: S): Record<string, unknown> {
  const {iteration_counter: _, ...rest} = state;
  return rest;
}

function describe(state: Record<string, unknown>, keys: string[]): string {
  return keys.map((k) => `${k} = ${typeof state[k] === "number" ? +(state[k] as number).toFixed(6) : String(state[k])}`).join(", ");
}
