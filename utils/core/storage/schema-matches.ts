/**
 * True only when A and B are the same type. A schema written beside a type
 * states `const _: Same<v.InferOutput<typeof Schema>, Type> = true;`: if one of
 * them changes, that line stops compiling until the other follows.
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
