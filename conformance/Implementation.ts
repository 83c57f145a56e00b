/**
 * The one type every room meets at: the implementation under test is a value (architecture.md). The emulator is
 * one; `fetch` to a URL is another; a deliberately broken double in a test is a third.
 */
export type Implementation = (request: Request) => Promise<Response>;
