import { describe, expect, it } from 'vitest';
import { subtermKind } from '../../src/coding/icd10cm/subterm-kind.js';
import { termWords } from '../../src/coding/icd10cm/terms.js';

const kindOf = (title: string, hasChildren = true) => subtermKind(title, termWords(title), hasChildren);

describe('subtermKind', () => {
  it('marks a subterm whose words are all generic as naming no condition', () => {
    expect(kindOf('specified disease NEC').generic).toBe(true);
    expect(kindOf('disorder').generic).toBe(true);
    expect(kindOf('kidney disease').generic).toBe(false);
  });

  it('reads plain connecting subterms, and which of them state a cause', () => {
    const dueTo = kindOf('due to');
    expect(dueTo).toMatchObject({ connecting: true, causalConnector: true, causeClass: true });
    const inWord = kindOf('in');
    expect(inWord).toMatchObject({ connecting: true, causalConnector: false, causeClass: false });
    // A connector with nothing below it leads nowhere.
    expect(kindOf('due to', false).connecting).toBe(false);
    // A subterm with words of its own is no connector.
    expect(kindOf('knee').connecting).toBe(false);
  });

  it('marks a cause given by its class ("due to food")', () => {
    expect(kindOf('due to food').causeClass).toBe(true);
    expect(kindOf('due to food').causalConnector).toBe(false);
    expect(kindOf('food').causeClass).toBe(false);
  });

  it('marks the default type heading only with subterms below it', () => {
    expect(kindOf('idiopathic').defaultType).toBe(true);
    expect(kindOf('primary (localized)').defaultType).toBe(true);
    expect(kindOf('Primary').defaultType).toBe(true);
    expect(kindOf('idiopathic', false).defaultType).toBe(false);
    expect(kindOf('primary site').defaultType).toBe(false);
  });
});
