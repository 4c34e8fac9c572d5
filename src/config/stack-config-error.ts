/** A project or stack file Pulumi would not read as written, or one the readers refuse to follow. */
export class StackConfigError extends Error {}
