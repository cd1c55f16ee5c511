import type { ProductPhoto } from '@stockpulse/shared';
import { useState } from 'react';

/** The main picture takes the left column (about 55% of the page), the whole width on phones. */
const MAIN_SIZES = '(max-width: 760px) 100vw, 600px';

/**
 * The product's photos: one large, with thumbnails to pick another when there are more.
 * A product without photos shows its one picture (`imageUrl`: its own, or the generated one).
 * Each `<img>` has `srcset`/`sizes`, so a phone loads the 640 file and a wide screen the 1280.
 */
export function ProductGallery({
  name,
  imageUrl,
  images,
}: {
  name: string;
  imageUrl: string;
  images: ProductPhoto[];
}) {
  const [chosenId, setChosenId] = useState<number | null>(null);
  const shown = images.find((photo) => photo.id === chosenId) ?? images[0];
  if (!shown) {
    return <img className="product-image" src={imageUrl} alt={name} width={640} height={480} />;
  }
  return (
    <div className="product-gallery">
      <img
        className="product-image"
        src={shown.src}
        srcSet={shown.srcSet}
        sizes={MAIN_SIZES}
        alt={shown.alt || name}
        width={shown.width}
        height={shown.height}
      />
      {images.length > 1 && (
        <ul className="product-thumbs" aria-label="Photos">
          {images.map((photo, index) => (
            <li key={photo.id}>
              <button
                type="button"
                className="product-thumb"
                aria-pressed={photo.id === shown.id}
                aria-label={`Photo ${index + 1} of ${images.length}: ${photo.alt || name}`}
                onClick={() => setChosenId(photo.id)}
              >
                <img
                  src={photo.src}
                  srcSet={photo.srcSet}
                  sizes="72px"
                  alt=""
                  width={72}
                  height={Math.round((72 * photo.height) / photo.width)}
                  loading="lazy"
                />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
