/**
 * A small well-formedness check for generated XML (Node has no XML parser): scans tags character
 * by character (quotes respected inside tags), keeps a stack of open elements, and checks that text
 * has no bare `<` or unknown `&` entity. Returns the root element's name; throws on the first fault.
 */
export function wellFormedXml(text: string): string {
  const stack: string[] = [];
  let root: string | undefined;
  let i = 0;
  const entity = (at: number): void => {
    const end = text.indexOf(';', at);
    const name = end < 0 ? '' : text.slice(at + 1, end);
    if (!['amp', 'lt', 'gt', 'quot', 'apos'].includes(name) && !/^#\d+$|^#x[0-9a-fA-F]+$/.test(name)) throw new Error(`bad entity at ${at}`);
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '&') entity(i);
    if (c !== '<') {
      if (c === '>') throw new Error(`bare '>' at ${i}`);
      if (stack.length === 0 && root !== undefined && c.trim() !== '') throw new Error(`text after the root element at ${i}`);
      i += 1;
      continue;
    }
    // Read the tag up to its closing '>', skipping '>' inside quoted attribute values.
    let j = i + 1;
    let quote: string | undefined;
    for (; j < text.length; j += 1) {
      const d = text[j] as string;
      if (quote !== undefined) {
        if (d === quote) quote = undefined;
        else if (d === '<') throw new Error(`'<' in an attribute value at ${j}`);
        else if (d === '&') entity(j);
      } else if (d === '"' || d === "'") quote = d;
      else if (d === '>') break;
    }
    if (j >= text.length) throw new Error(`unterminated tag at ${i}`);
    const tag = text.slice(i + 1, j);
    i = j + 1;
    if (tag.startsWith('?') || tag.startsWith('!--')) continue;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (stack.pop() !== name) throw new Error(`</${name}> does not close the open element`);
      continue;
    }
    const name = /^[A-Za-z_][\w:.-]*/.exec(tag)?.[0];
    if (name === undefined) throw new Error(`bad tag <${tag}>`);
    if (stack.length === 0) {
      if (root !== undefined) throw new Error('a second root element');
      root = name;
    }
    if (!tag.endsWith('/')) stack.push(name);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
  if (root === undefined) throw new Error('no element');
  return root;
}
