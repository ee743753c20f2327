import type { ForbiddenCategories, ForbiddenPhrase, ServiceLanguagePolicy } from '../config/policy.js';
import {
  FORBIDDEN_CATEGORIES,
  FORBIDDEN_CATEGORY_ZH as CATEGORY_ZH,
  type ForbiddenCategory,
  type LanguageAction,
} from '../config/service-language-categories.js';

export { CATEGORY_ZH, FORBIDDEN_CATEGORIES, type ForbiddenCategory };

/** A forbidden expression found in a text, with the category it is listed under. */
export interface LanguageFinding {
  expression: string;
  category: ForbiddenCategory;
}

/** How a reply reaches the resident: in writing (sms, online, written) or by voice (phone, visit). */
export type ReplyMedium = 'written' | 'spoken';

const SPOKEN_VIA: ReadonlySet<string> = new Set(['phone', 'visit']);

export function mediumOf(via: string): ReplyMedium {
  return SPOKEN_VIA.has(via) ? 'spoken' : 'written';
}

/** DESIGN decision 13: a written or online reply can still be stopped (refuse by default); a spoken one was already said (flag). */
export function languageAction(policy: ServiceLanguagePolicy, via: string): LanguageAction {
  return mediumOf(via) === 'written' ? policy.written : policy.spoken;
}

// ICU's dictionary segmentation of Chinese (Node 20 and 24 ship ICU 78); 'zh' covers simplified and traditional.
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

interface Words {
  /** The text's words joined without the spaces and punctuation between them. */
  joined: string;
  /** Offsets in `joined` where a word starts or ends. */
  boundaries: Set<number>;
}

/** Full- and half-width forms alike (NFKC), case folded; spaces and punctuation are not words and drop out. */
function words(text: string): Words {
  let joined = '';
  const boundaries = new Set<number>([0]);
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (!isWordLike) continue;
    joined += segment;
    boundaries.add(joined.length);
  }
  return { joined, boundaries };
}

interface Needle {
  expression: string;
  category: ForbiddenCategory;
  exact: boolean;
  text: string;
}

/**
 * Finds the forbidden expressions of the policy in a text. A phrase matches where it covers whole words, a
 * run of consecutive segments (so 不知道 is found in 我不知道 but not in 殊不知道路, 殊不知 / 道路); a phrase
 * marked `exact` matches anywhere, for where segmentation joins it with its neighbours. Spaces and punctuation
 * put between the characters hide nothing.
 */
export class ForbiddenExpressions {
  private readonly needles: Needle[];

  constructor(forbidden: ForbiddenCategories) {
    this.needles = FORBIDDEN_CATEGORIES.flatMap((category) =>
      (forbidden[category] as ForbiddenPhrase[]).map((p) => ({ expression: p.phrase, category, exact: p.exact, text: words(p.phrase).joined })),
    ).filter((n) => n.text.length > 0);
  }

  /** Every expression found, once each, in the policy's order. */
  findIn(text: string): LanguageFinding[] {
    const { joined, boundaries } = words(text);
    return this.needles.filter((needle) => occurs(joined, boundaries, needle)).map(({ expression, category }) => ({ expression, category }));
  }

  get size(): number {
    return this.needles.length;
  }
}

function occurs(joined: string, boundaries: Set<number>, needle: Needle): boolean {
  for (let at = joined.indexOf(needle.text); at !== -1; at = joined.indexOf(needle.text, at + 1)) {
    if (needle.exact || (boundaries.has(at) && boundaries.has(at + needle.text.length))) return true;
  }
  return false;
}
