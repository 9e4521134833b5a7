/** Wraps segments in a valid ISA/GS/ST..SE/GE/IEA envelope (payer → clinic), for hand-written fixtures. */
export function interchange(
  type: string,
  functionalId: string,
  implementation: string,
  body: string[],
  ids: { sender?: string; receiver?: string; control?: number } = {},
): string {
  const control = ids.control ?? 1;
  const isa = `ISA*00*          *00*          *ZZ*${(ids.sender ?? 'PAYER').padEnd(15)}*ZZ*${(ids.receiver ?? 'SUB123').padEnd(15)}*240315*1200*^*00501*${String(control).padStart(9, '0')}*0*P*:`;
  return `${[
    isa,
    `GS*${functionalId}*${ids.sender ?? 'PAYER'}*${ids.receiver ?? 'SUB123'}*20240315*1200*${control}*X*${implementation}`,
    `ST*${type}*0001*${implementation}`,
    ...body,
    `SE*${body.length + 2}*0001`,
    `GE*1*${control}`,
    `IEA*1*${String(control).padStart(9, '0')}`,
  ].join('~\n')}~\n`;
}

/** An 835 body paying (or denying) claims; `claims` are the CLP..loops, `paid` is BPR02 in dollars. */
export function remit835(paid: string, claims: string[], trace = 'TRACE1'): string {
  return interchange('835', 'HP', '005010X221A1', [
    `BPR*I*${paid}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20240315`,
    `TRN*1*${trace}*1512345678`,
    'N1*PR*ACME HEALTH*XV*12345',
    'N1*PE*GOOD CLINIC*XX*1234567893',
    'LX*1',
    ...claims,
  ]);
}
