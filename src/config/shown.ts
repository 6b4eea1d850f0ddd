/** A value as an error message shows it: quoted, and short (a URL parameter can be 10,000 characters). */
export const shown = (value: unknown) => String(JSON.stringify(value)).slice(0, 80);
