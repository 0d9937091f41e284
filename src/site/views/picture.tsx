import { heightAt, type RenditionFormat, renditionUrl, renditionWidths, type StoryImage } from '../../media/index.ts';

/**
 * A stored agency picture as responsive HTML: AVIF and WebP sources and a JPEG <img> every
 * browser shows, each listing the widths the server makes, with explicit width and height
 * (the original's aspect ratio) so nothing moves while it loads. `lead` is the article's photo
 * with its caption and credit; `thumb` is the small picture beside a headline in a list.
 */

export interface PictureProps {
  image: StoryImage;
  variant: 'lead' | 'thumb';
  /** Above the fold (the article's lead photo): fetched at once and first, never lazily. */
  eager?: boolean;
  /** The lead's alt text when the agency sent no caption: the headline says what the photo shows. */
  fallbackAlt?: string;
}

interface Variant {
  /** How wide the picture is drawn, for the browser to pick a width before any CSS arrives. */
  sizes: string;
  /** The largest width worth listing. */
  maxWidth: number;
  /** The width the <img> is declared at (its height follows the aspect ratio). */
  declaredWidth: number;
}

const VARIANTS: Record<PictureProps['variant'], Variant> = {
  // The article column is 720 px wide with 16 px gutters on each side of a narrow screen.
  lead: { sizes: '(max-width: 752px) calc(100vw - 32px), 720px', maxWidth: 1280, declaredWidth: 720 },
  // PICTURE_CSS draws thumbnails 96 px wide on phones and 144 px from 601 px up.
  thumb: { sizes: '(max-width: 600px) 96px, 144px', maxWidth: 320, declaredWidth: 144 },
};

export function Picture(props: PictureProps) {
  const { image } = props;
  const variant = VARIANTS[props.variant];
  const all = renditionWidths(image.width);
  const widths = all.filter((width) => width <= variant.maxWidth);
  if (widths.length === 0 && all[0] !== undefined) widths.push(all[0]);
  const srcset = (format: RenditionFormat) => widths.map((width) => `${renditionUrl(image.sha256, width, format)} ${width}w`).join(', ');
  const fallback = widths.find((width) => width >= variant.declaredWidth) ?? widths[widths.length - 1] ?? image.width;
  const declaredWidth = Math.min(variant.declaredWidth, image.width);
  // A thumbnail sits beside its headline's link, which already says what the story is: the picture is decoration.
  const alt = props.variant === 'thumb' ? '' : (image.caption ?? props.fallbackAlt ?? '');
  const picture = (
    <picture class={props.variant === 'thumb' ? 'thumb' : undefined}>
      <source type="image/avif" srcset={srcset('avif')} sizes={variant.sizes} />
      <source type="image/webp" srcset={srcset('webp')} sizes={variant.sizes} />
      <img
        src={renditionUrl(image.sha256, fallback, 'jpg')}
        srcset={srcset('jpg')}
        sizes={variant.sizes}
        width={declaredWidth}
        height={heightAt(declaredWidth, image)}
        alt={alt}
        loading={props.eager === true ? undefined : 'lazy'}
        fetchpriority={props.eager === true ? 'high' : undefined}
        decoding="async"
      />
    </picture>
  );
  if (props.variant === 'thumb') return picture;
  return (
    <figure class="lead-photo">
      {picture}
      {(image.caption !== null || image.credit !== null) && (
        <figcaption>
          {image.caption}
          {image.caption !== null && image.credit !== null && ' '}
          {image.credit !== null && <span class="credit">{creditLine(image.credit)}</span>}
        </figcaption>
      )}
    </figure>
  );
}

/** "Photo: <credit>", unless the agency's credit already says so. */
function creditLine(credit: string): string {
  return /^(photo|picture|image)\b/i.test(credit) ? credit : `Photo: ${credit}`;
}

/**
 * The styles <Picture> relies on, for the site stylesheet. Nothing is reserved for a picture
 * a story does not have: a card without a thumbnail is a full-width text card, an article
 * without a photo goes from teaser to body with no empty frame.
 */
export const PICTURE_CSS = `
.lead-photo{margin:0 0 18px}
.lead-photo img{display:block;width:100%;height:auto;background:#eee}
.lead-photo figcaption{font-size:14px;line-height:1.45;color:#555;margin-top:6px}
.lead-photo .credit{color:#666;white-space:nowrap}
.cards li.has-thumb{display:flex;gap:12px;align-items:flex-start}
.cards li.has-thumb>:first-child{flex:1;min-width:0}
.thumb{flex:none;order:1}
.thumb img{display:block;width:144px;height:auto;aspect-ratio:3/2;object-fit:cover;background:#eee;border-radius:2px}
@media (max-width:600px){.thumb img{width:96px}}
`;
