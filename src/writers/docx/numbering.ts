/**
 * List numbering: one definition for bulleted lists, one for ordered lists per
 * first number (and marker width) used, and a separate instance for every
 * list in the document.
 */
import { AlignmentType, LevelFormat, LevelSuffix, type ILevelsOptions, type INumberingOptions } from 'docx';
import { mmToTwip, type StyleProfile } from '../../style/profile.js';
import { ptToTwip } from './units.js';

const ORDERED = 'hattama-ordered';
const BULLET = 'hattama-bullet';

/**
 * Advance widths in Times metrics, in em: digits, the full stop after the
 * number and the space kept between marker and text. The profile's fonts are
 * Times-metric (Tinos in the PDF), so this matches what the PDF measures.
 */
const DIGIT_EM = 0.5;
const STOP_EM = 0.25;
const SPACE_EM = 0.25;

/** Where a list's paragraphs point: a numbering definition and the list's own instance. */
export interface ListRef {
  readonly reference: string;
  readonly instance: number;
}

/** An ordered-list definition: the first number and how far the text moves right for wide numbers (twips). */
interface OrderedDefinition {
  readonly reference: string;
  readonly start: number;
  readonly widen: number;
}

/**
 * Hands out numbering instances. docx gives each (reference, instance) pair its
 * own `w:num` with a `startOverride` for level 0, which is what makes every
 * ordered list restart in Word and LibreOffice; paragraphs sharing an instance
 * would continue the previous list's count (docx #3037).
 *
 * docx takes that override from the `start` of the reference's level and has
 * no per-instance option, so an ordered list starting at n ≠ 1 uses a
 * definition of its own (one per distinct n), equal to `hattama-ordered` but
 * for its start. Its instances still override the start with n, so every list
 * restarts at its own first number.
 *
 * A list whose largest number and a space do not fit the hanging indent
 * (10. at 14 pt, or 1000.) gets a definition whose text indent and hanging
 * are both wider by the difference: the number stays where the profile puts
 * it and every item's text starts clear of it, as in the PDF. Otherwise Word
 * tabs only those items' text to the next tab stop, and LibreOffice sets it
 * against the number.
 */
export class ListNumbering {
  private next = 0;
  /** Ordered definitions other than `hattama-ordered`, in order of first use. */
  private readonly ordered: OrderedDefinition[] = [];

  constructor(private readonly style: StyleProfile) {}

  /**
   * A fresh instance for the next list. Instances count from 1 in document order, so ids are stable.
   *
   * @param start - number of an ordered list's first item (ignored for bullets)
   * @param count - number of items, which gives the largest number (ignored for bullets)
   */
  newList(ordered: boolean, start = 1, count = 1): ListRef {
    this.next += 1;
    if (!ordered) return { reference: BULLET, instance: this.next };
    const widen = this.widening(start + Math.max(1, count) - 1);
    if (start === 1 && widen === 0) return { reference: ORDERED, instance: this.next };
    let def = this.ordered.find((d) => d.start === start && d.widen === widen);
    if (!def) {
      def = { reference: `${ORDERED}-from-${start}${widen ? `-wider-${widen}` : ''}`, start, widen };
      this.ordered.push(def);
    }
    return { reference: def.reference, instance: this.next };
  }

  /** How much wider than the hanging indent the marker `largest.` and a space are, in twips (0 when it fits). */
  private widening(largest: number): number {
    const em = String(largest).length * DIGIT_EM + STOP_EM + SPACE_EM;
    return Math.max(0, ptToTwip(em * this.style.font.sizePt) - mmToTwip(this.style.lists.hangingMm));
  }

  /** The numbering definitions for the `Document` constructor. */
  options(): INumberingOptions {
    const { lists, font } = this.style;
    const level = (format: ILevelsOptions['format'], text: string, start = 1, widen = 0): ILevelsOptions => ({
      level: 0,
      format,
      text,
      start,
      alignment: AlignmentType.LEFT,
      // A tab after the marker lands on the hanging indent, so item text lines up.
      suffix: LevelSuffix.TAB,
      style: {
        paragraph: { indent: { left: mmToTwip(lists.indentMm) + widen, hanging: mmToTwip(lists.hangingMm) + widen } },
        // Without a font Word may draw the marker in Symbol; keep it in the text face.
        run: { font: font.family },
      },
    });
    return {
      config: [
        { reference: ORDERED, levels: [level(LevelFormat.DECIMAL, '%1.')] },
        { reference: BULLET, levels: [level(LevelFormat.BULLET, lists.bullet)] },
        ...this.ordered.map((d) => ({ reference: d.reference, levels: [level(LevelFormat.DECIMAL, '%1.', d.start, d.widen)] })),
      ],
    };
  }
}
