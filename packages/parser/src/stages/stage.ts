/** A parser stage: one method, input in, output out, no side effects. */
export interface Stage<I, O> {
  run(input: I): O;
}
