/**
 * String formats that JSON Schema cannot express with a pattern. The zod schema refines with these
 * and the browser validator applies the same functions by the schema's `format` name.
 */
export const formats: Record<string, (value: string) => boolean> = {
  regex(value) {
    try {
      new RegExp(value);
      return true;
    } catch {
      return false;
    }
  },
};
