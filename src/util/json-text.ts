// DataLoader.load tries json.loads first: text that parses as JSON is read with plain classes
// (dict, list, str), not the YAML loader's Ansible* ones.

/** Whether the text is JSON (and so loaded by json.loads, not by the YAML loader). */
export function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
