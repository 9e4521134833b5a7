import { X12Error } from '../x12/errors.js';
import { expectSetType, type TransactionSet } from '../x12/reader.js';
import { el, required, type Segment, segError } from '../x12/segment.js';

/** One error the receiver found in a transaction set it received (IK3 segment, IK4 element). */
export interface AckError {
  segmentId: string;
  /** Position of the bad segment inside the transaction set (IK302). */
  segmentPosition: number;
  loop?: string;
  /** IK304 implementation segment syntax error code. */
  code: string;
  element?: { position: string; reference?: string; code: string; badValue?: string };
  /** CTX business context (e.g. CLM01 of the claim the error is in). */
  context: string[];
}

export type AckStatus = 'accepted' | 'accepted-with-errors' | 'partially-accepted' | 'rejected';

export interface SetAck {
  /** AK201 transaction set type, AK202 its ST02. */
  type: string;
  controlNumber: string;
  status: AckStatus;
  /** IK502..IK506 syntax error codes. */
  codes: string[];
  errors: AckError[];
}

/** A 999 implementation acknowledgment of one functional group we sent. */
export interface FunctionalAck {
  /** AK101 functional id and AK102 = the GS06 we sent. */
  functionalId: string;
  groupControlNumber: string;
  status: AckStatus;
  setsIncluded: number;
  setsReceived: number;
  setsAccepted: number;
  sets: SetAck[];
  segment: number;
  /**
   * What could not be read, each with its location: an unknown acknowledgment code, a segment
   * out of order, a truncated acknowledgment (AK2 without IK5, no AK9). Reading goes on past
   * them; applying refuses an acknowledgment with problems (a guess would move claims wrongly).
   */
  problems: string[];
}

const SET_STATUS: Record<string, AckStatus> = {
  A: 'accepted',
  E: 'accepted-with-errors',
  M: 'rejected',
  R: 'rejected',
  W: 'rejected',
  X: 'rejected',
};
const GROUP_STATUS: Record<string, AckStatus> = {
  A: 'accepted',
  E: 'accepted-with-errors',
  P: 'partially-accepted',
  M: 'rejected',
  R: 'rejected',
  W: 'rejected',
  X: 'rejected',
};

function status(seg: Segment, n: number, table: Record<string, AckStatus>): AckStatus {
  const code = required(seg, n, `${seg.id}${String(n).padStart(2, '0')} acknowledgment code`);
  const s = table[code];
  if (!s) throw segError(seg, `unknown acknowledgment code ${JSON.stringify(code)}`, n);
  return s;
}

const int = (seg: Segment, n: number) => {
  const v = el(seg, n);
  return /^\d+$/.test(v) ? Number(v) : 0;
};

/** Reads a 999 transaction set (also accepts the older 997, which has the same AK1/AK2/AK5/AK9 shape). */
export function read999(set: TransactionSet): FunctionalAck {
  expectSetType(set, '999', '997');
  let ack: FunctionalAck | undefined;
  let current: SetAck | undefined;
  let error: AckError | undefined;
  let sawAk9 = false;
  const problems: string[] = [];
  const unclosed = () => {
    if (current)
      problems.push(
        `999 ${set.controlNumber}: AK2 for ${current.type} ${current.controlNumber} has no IK5 (truncated acknowledgment?)`,
      );
  };
  for (const seg of set.segments) {
    try {
      switch (seg.id) {
        case 'AK1':
          if (ack) throw segError(seg, 'a second AK1 in the same 999');
          ack = {
            functionalId: required(seg, 1, 'AK101 functional identifier'),
            groupControlNumber: required(seg, 2, 'AK102 group control number'),
            status: 'rejected',
            setsIncluded: 0,
            setsReceived: 0,
            setsAccepted: 0,
            sets: [],
            segment: seg.index,
            problems,
          };
          break;
        case 'AK2':
          if (!ack) throw segError(seg, 'AK2 before AK1');
          unclosed();
          current = {
            type: required(seg, 1, 'AK201 transaction set identifier'),
            controlNumber: required(seg, 2, 'AK202 control number'),
            status: 'rejected',
            codes: [],
            errors: [],
          };
          ack.sets.push(current);
          error = undefined;
          break;
        case 'IK3':
        case 'AK3':
          if (!current) throw segError(seg, `${seg.id} outside an AK2 loop`);
          error = { segmentId: el(seg, 1), segmentPosition: int(seg, 2), code: el(seg, 4), context: [] };
          if (el(seg, 3)) error.loop = el(seg, 3);
          current.errors.push(error);
          break;
        case 'IK4':
        case 'AK4': {
          if (!current) throw segError(seg, `${seg.id} outside an AK2 loop`);
          const element: NonNullable<AckError['element']> = { position: el(seg, 1), code: el(seg, 3) };
          if (el(seg, 2)) element.reference = el(seg, 2);
          if (el(seg, 4)) element.badValue = el(seg, 4);
          if (!error) {
            error = { segmentId: '', segmentPosition: 0, code: '', context: [] };
            current.errors.push(error);
          }
          error.element = element;
          break;
        }
        case 'CTX':
          if (error) error.context.push(seg.elements.slice(1).join(' ').trim());
          break;
        case 'IK5':
        case 'AK5': {
          if (!current) throw segError(seg, `${seg.id} outside an AK2 loop`);
          const set = current;
          current = undefined;
          error = undefined;
          set.codes = seg.elements.slice(2).filter(Boolean);
          set.status = status(seg, 1, SET_STATUS);
          break;
        }
        case 'AK9':
          if (!ack) throw segError(seg, 'AK9 before AK1');
          unclosed();
          current = undefined;
          sawAk9 = true;
          ack.setsIncluded = int(seg, 2);
          ack.setsReceived = int(seg, 3);
          ack.setsAccepted = int(seg, 4);
          ack.status = status(seg, 1, GROUP_STATUS);
          break;
      }
    } catch (e) {
      if (!(e instanceof X12Error)) throw e;
      problems.push(e.message);
    }
  }
  if (!ack)
    throw new X12Error(`999 ${set.controlNumber} has no AK1 segment`, {
      segment: set.st.index,
      segmentId: 'ST',
    });
  if (!sawAk9) {
    unclosed();
    problems.push(`999 ${set.controlNumber}: no AK9 functional group response (truncated acknowledgment?)`);
  }
  return ack;
}
