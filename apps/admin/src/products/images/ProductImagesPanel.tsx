import type { ProductPhoto } from '@stockpulse/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowDown, ArrowUp, Trash2, Upload } from 'lucide-react';
import { type ChangeEvent, useState } from 'react';
import { toast } from 'sonner';
import { describeError } from '../../lib/errors';
import { trpc } from '../../trpc';
import { ErrorState, Loading } from '../../ui/states';
import { ACCEPTED_TYPES, uploadProductImage } from './upload';

/**
 * The edit page's photos: upload (several files at once, one request each), thumbnails in
 * the shop's order, move up/down, alt text, delete. Every change answers the product's
 * photos, which replace the list at once; errors stay on screen, one line per file.
 */
export function ProductImagesPanel({
  productId,
  productName,
}: {
  productId: number;
  productName: string;
}) {
  const queryClient = useQueryClient();
  const listKey = trpc.admin.images.list.queryKey({ productId });
  const images = useQuery(trpc.admin.images.list.queryOptions({ productId }));
  const [errors, setErrors] = useState<string[]>([]);
  const [uploading, setUploading] = useState<string | null>(null);

  const show = (next: ProductPhoto[]) => {
    queryClient.setQueryData(listKey, next);
    // The products list shows the first photo as its thumbnail.
    void queryClient.invalidateQueries(trpc.admin.products.list.pathFilter());
  };
  const options = {
    onSuccess: (next: ProductPhoto[]) => {
      setErrors([]);
      show(next);
    },
    onError: (error: unknown) => {
      setErrors([describeError(error)]);
      // IMAGES_CHANGED and the like: what is on screen is stale.
      void queryClient.invalidateQueries({ queryKey: listKey });
    },
  };
  const reorder = useMutation(trpc.admin.images.reorder.mutationOptions(options));
  const remove = useMutation(trpc.admin.images.remove.mutationOptions(options));
  const update = useMutation(
    trpc.admin.images.update.mutationOptions({
      ...options,
      onSuccess: (next) => {
        options.onSuccess(next);
        toast.success('Alt text saved');
      },
    }),
  );

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    const failed: string[] = [];
    for (const file of files) {
      setUploading(file.name);
      try {
        show(await uploadProductImage(productId, file));
      } catch (error) {
        failed.push(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    setUploading(null);
    setErrors(failed);
    const done = files.length - failed.length;
    if (done > 0) toast.success(done === 1 ? 'Photo uploaded' : `${done} photos uploaded`);
  };

  const move = (list: ProductPhoto[], index: number, by: -1 | 1) => {
    const ids = list.map((photo) => photo.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    reorder.mutate({ productId, imageIds: ids });
  };
  const busy = reorder.isPending || remove.isPending || uploading !== null;

  return (
    <section className="card product-images" aria-labelledby="product-images-title">
      <div className="row">
        <h2 id="product-images-title">Photos</h2>
        <label className="btn">
          <Upload size={16} aria-hidden="true" />
          {uploading ? `Uploading ${uploading}…` : 'Upload photos'}
          <input
            type="file"
            className="sr-only"
            accept={ACCEPTED_TYPES}
            multiple
            disabled={uploading !== null}
            onChange={onFiles}
          />
        </label>
        <span className="muted small">JPEG, PNG, WebP, GIF, AVIF or TIFF, up to 10 MB each.</span>
      </div>
      {errors.length > 0 && (
        <ul className="form-error" role="alert">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
      {images.isPending ? (
        <Loading label="Loading photos…" />
      ) : images.isError ? (
        <ErrorState error={images.error} retry={images.refetch} />
      ) : images.data.length === 0 ? (
        <p className="muted">No photos yet: the shop shows the generated picture.</p>
      ) : (
        <ol className="image-list">
          {images.data.map((photo, index, list) => (
            <li key={photo.id} className="image-item">
              <img
                src={photo.src}
                srcSet={photo.srcSet}
                sizes="120px"
                alt={photo.alt}
                width={120}
                height={Math.round((120 * photo.height) / photo.width)}
              />
              <AltTextField
                photo={photo}
                position={index + 1}
                productName={productName}
                saving={update.isPending}
                onSave={(alt) => update.mutate({ id: photo.id, alt })}
              />
              <div className="row">
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={busy || index === 0}
                  onClick={() => move(list, index, -1)}
                  aria-label={`Move photo ${index + 1} up`}
                >
                  <ArrowUp size={14} aria-hidden="true" />
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={busy || index === list.length - 1}
                  onClick={() => move(list, index, 1)}
                  aria-label={`Move photo ${index + 1} down`}
                >
                  <ArrowDown size={14} aria-hidden="true" />
                </button>
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  disabled={busy}
                  onClick={() => remove.mutate({ id: photo.id })}
                  aria-label={`Delete photo ${index + 1}`}
                >
                  <Trash2 size={14} aria-hidden="true" />
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function AltTextField({
  photo,
  position,
  productName,
  saving,
  onSave,
}: {
  photo: ProductPhoto;
  position: number;
  productName: string;
  saving: boolean;
  onSave: (alt: string) => void;
}) {
  const [alt, setAlt] = useState(photo.alt);
  const changed = alt.trim() !== photo.alt;
  return (
    <form
      className="image-alt"
      onSubmit={(event) => {
        event.preventDefault();
        if (changed) onSave(alt);
      }}
    >
      <label>
        <span className="small">Alt text of photo {position}</span>
        <input
          value={alt}
          maxLength={300}
          placeholder={productName}
          onChange={(event) => setAlt(event.target.value)}
        />
      </label>
      {changed && (
        <button type="submit" className="btn btn-small" disabled={saving}>
          Save
        </button>
      )}
    </form>
  );
}
