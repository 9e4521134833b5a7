/**
 * Vaccine names as notes write them (generic, abbreviation, US brand) and which vaccine each is.
 * Medicare Part B pays the administration of three vaccines with their own HCPCS codes (G0008
 * influenza, G0009 pneumococcal, G0010 hepatitis B); the others are administered under the CPT
 * immunization codes (90471-90474). `kind` is the word the G-code's CMS description uses
 * ("Administration of influenza virus vaccine"), so the code is found in the file, not here.
 *
 * Source: CDC, "U.S. Vaccine Names" (www.cdc.gov/vaccines/terms/usvaccines.html): each brand's
 * vaccine type and abbreviation; route from the same table (oral: rotavirus; intranasal: LAIV).
 */

export interface VaccineName {
  /** Lower-case words as tokenized (hyphens split: "pcv-20" is "pcv 20"). */
  name: string;
  /** The vaccine type: for the three Part B vaccines, the word of the G-code description. */
  kind: string;
  route: 'injection' | 'oral' | 'intranasal';
  /** The name alone says "vaccine" (a brand or abbreviation); else the clause must say so. */
  selfEvident: boolean;
}

const v = (name: string, kind: string, selfEvident = true, route: VaccineName['route'] = 'injection') => ({
  name,
  kind,
  route,
  selfEvident,
});

export const VACCINE_NAMES: readonly VaccineName[] = [
  v('influenza', 'influenza', false),
  v('flu', 'influenza', false),
  v('flu shot', 'influenza'),
  v('fluzone', 'influenza'),
  v('flublok', 'influenza'),
  v('fluad', 'influenza'),
  v('afluria', 'influenza'),
  v('flucelvax', 'influenza'),
  v('fluarix', 'influenza'),
  v('flulaval', 'influenza'),
  v('flumist', 'influenza', true, 'intranasal'),
  v('laiv', 'influenza', true, 'intranasal'),
  v('pneumococcal', 'pneumococcal', false),
  v('pneumonia vaccine', 'pneumococcal'),
  v('pneumovax', 'pneumococcal'),
  v('prevnar', 'pneumococcal'),
  v('vaxneuvance', 'pneumococcal'),
  v('capvaxive', 'pneumococcal'),
  v('pcv', 'pneumococcal'),
  v('pcv13', 'pneumococcal'),
  v('pcv15', 'pneumococcal'),
  v('pcv20', 'pneumococcal'),
  v('pcv21', 'pneumococcal'),
  v('ppsv23', 'pneumococcal'),
  v('ppsv', 'pneumococcal'),
  v('hepatitis b', 'hepatitis b', false),
  v('hep b', 'hepatitis b', false),
  v('hepb', 'hepatitis b', false),
  v('engerix', 'hepatitis b'),
  v('recombivax', 'hepatitis b'),
  v('heplisav', 'hepatitis b'),
  v('prehevbrio', 'hepatitis b'),
  v('tdap', 'tdap'),
  v('boostrix', 'tdap'),
  v('adacel', 'tdap'),
  v('td', 'td', false),
  v('tenivac', 'td'),
  v('dtap', 'dtap'),
  v('daptacel', 'dtap'),
  v('infanrix', 'dtap'),
  v('pediarix', 'dtap-hepb-ipv'),
  v('pentacel', 'dtap-ipv-hib'),
  v('vaxelis', 'dtap-ipv-hib-hepb'),
  v('kinrix', 'dtap-ipv'),
  v('quadracel', 'dtap-ipv'),
  v('ipv', 'polio'),
  v('ipol', 'polio'),
  v('polio', 'polio', false),
  v('mmr', 'mmr'),
  v('priorix', 'mmr'),
  v('proquad', 'mmrv'),
  v('mmrv', 'mmrv'),
  v('varicella', 'varicella', false),
  v('varivax', 'varicella'),
  v('shingrix', 'zoster'),
  v('zoster', 'zoster', false),
  v('shingles', 'zoster', false),
  v('hpv', 'hpv', false),
  v('gardasil', 'hpv'),
  v('hepatitis a', 'hepatitis a', false),
  v('hep a', 'hepatitis a', false),
  v('havrix', 'hepatitis a'),
  v('vaqta', 'hepatitis a'),
  v('twinrix', 'hepatitis a-hepatitis b'),
  v('hib', 'hib'),
  v('acthib', 'hib'),
  v('pedvaxhib', 'hib'),
  v('hiberix', 'hib'),
  v('meningococcal', 'meningococcal', false),
  v('menveo', 'meningococcal'),
  v('menquadfi', 'meningococcal'),
  v('bexsero', 'meningococcal'),
  v('trumenba', 'meningococcal'),
  v('penbraya', 'meningococcal'),
  v('rotavirus', 'rotavirus', false, 'oral'),
  v('rotateq', 'rotavirus', true, 'oral'),
  v('rotarix', 'rotavirus', true, 'oral'),
  v('covid', 'covid-19', false),
  v('comirnaty', 'covid-19'),
  v('spikevax', 'covid-19'),
  v('rsv', 'rsv', false),
  v('arexvy', 'rsv'),
  v('abrysvo', 'rsv'),
  v('mresvia', 'rsv'),
  v('tetanus', 'td', false),
];
