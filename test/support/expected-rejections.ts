/**
 * Request examples (from the official spec and from recorded traffic) that our input schemas reject,
 * each with the reason. The spec's own examples break its rules in places (API-NOTES §7.2), and some
 * recorded ids were scrubbed by hand. A rejection not listed here fails the conformance test, and so
 * does a listed one that is accepted again: the list stays honest.
 */
export const EXPECTED_EXAMPLE_REJECTIONS: Record<string, string> = {};
