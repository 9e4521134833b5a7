/**
 * Reads the CMS ICD-10-PCS tables addendum (`tables_addenda_YYYY.txt`), which states, for every
 * table it touches, each axis's name and each value's official label:
 *
 *   No change: First panel of table 0 2 H
 *     Fourth character (Body Part) has 4 choices.
 *       First choice is value 0: Coronary Artery, One Artery
 *     Seventh character (Qualifier) is value Z: No Qualifier
 *
 * The tests use it as an independent answer key for the labels medcoder derives from titles.
 */
const ORDINALS = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh'];

export interface AddendumValue {
  table: string;
  /** 1..7 */
  position: number;
  axis: string;
  value: string;
  /** The label; for the operation, without its definition. */
  label: string;
}

export function parseTablesAddendum(text: string): AddendumValue[] {
  const out: AddendumValue[] = [];
  let table = '';
  let axis: { position: number; name: string } | undefined;
  for (const line of text.split(/\r?\n/)) {
    const head = /table ([0-9A-Z]) ([0-9A-Z]) ([0-9A-Z])$/.exec(line);
    if (head && !line.startsWith(' ')) {
      table = head[1]! + head[2]! + head[3]!;
      continue;
    }
    const single = /^ {2}(\w+) character \((.+?)\) is value (.): (.*)$/.exec(line);
    const many = /^ {2}(\w+) character \((.+?)\) has \d+ choices\.$/.exec(line);
    const choice = /^ {4}\S+ choice is value (.): (.*)$/.exec(line);
    if (single) {
      const position = ORDINALS.indexOf(single[1]!) + 1;
      // The operation's line carries its definition after a second colon.
      const label = position === 3 ? single[4]!.split(': ')[0]! : single[4]!;
      out.push({ table, position, axis: single[2]!, value: single[3]!, label });
      axis = undefined;
    } else if (many) {
      axis = { position: ORDINALS.indexOf(many[1]!) + 1, name: many[2]! };
    } else if (choice && axis) {
      out.push({ table, position: axis.position, axis: axis.name, value: choice[1]!, label: choice[2]! });
    }
  }
  return out;
}
