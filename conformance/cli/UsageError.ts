import { TbcError } from '../TbcError.ts';

/**
 * A usage error found in a verb's action (flags that do not go together, a value in the wrong form): exit 2 like any
 * TbcError, and its one line points at the verb's help, as commander's own usage errors do.
 */
export class UsageError extends TbcError {}
