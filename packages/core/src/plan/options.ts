/** How a plan run treats what it cannot know without doing something. */
export interface PlanOptions {
  /** Run `if` commands (read-only checks, as a real run would) instead of showing what the step depends on. */
  readonly runConditions: boolean;
  /** Let plans fetch what they need to say what would change (e.g. a download's size); off by default. */
  readonly fetch: boolean;
}
