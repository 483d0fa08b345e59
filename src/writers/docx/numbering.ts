/**
 * List numbering: one definition for ordered and one for bulleted lists, and a
 * separate instance for every list in the document.
 */
import { AlignmentType, LevelFormat, LevelSuffix, type ILevelsOptions, type INumberingOptions } from 'docx';
import { mmToTwip, type StyleProfile } from '../../style/profile.js';

const ORDERED = 'hattama-ordered';
const BULLET = 'hattama-bullet';

/** Where a list's paragraphs point: a numbering definition and the list's own instance. */
export interface ListRef {
  readonly reference: string;
  readonly instance: number;
}

/**
 * Hands out numbering instances. docx gives each (reference, instance) pair its
 * own `w:num` with a `startOverride` of 1, which is what makes every ordered
 * list restart at 1 in Word and LibreOffice; paragraphs sharing an instance
 * would continue the previous list's count (docx #3037).
 */
export class ListNumbering {
  private next = 0;

  constructor(private readonly style: StyleProfile) {}

  /** A fresh instance for the next list. Instances count from 1 in document order, so ids are stable. */
  newList(ordered: boolean): ListRef {
    this.next += 1;
    return { reference: ordered ? ORDERED : BULLET, instance: this.next };
  }

  /** The numbering definitions for the `Document` constructor. */
  options(): INumberingOptions {
    const { lists, font } = this.style;
    const level = (format: ILevelsOptions['format'], text: string): ILevelsOptions => ({
      level: 0,
      format,
      text,
      start: 1,
      alignment: AlignmentType.LEFT,
      // A tab after the marker lands on the hanging indent, so item text lines up.
      suffix: LevelSuffix.TAB,
      style: {
        paragraph: { indent: { left: mmToTwip(lists.indentMm), hanging: mmToTwip(lists.hangingMm) } },
        // Without a font Word may draw the marker in Symbol; keep it in the text face.
        run: { font: font.family },
      },
    });
    return {
      config: [
        { reference: ORDERED, levels: [level(LevelFormat.DECIMAL, '%1.')] },
        { reference: BULLET, levels: [level(LevelFormat.BULLET, lists.bullet)] },
      ],
    };
  }
}
