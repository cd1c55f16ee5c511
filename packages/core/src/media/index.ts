// `@stockpulse/core/media`: uploaded media, for apps/server only (it loads sharp; the
// worker and the rest of core never do). Image rows and answers are in products/.
export { type ImageUpload, uploadProductImage } from '../products/image-upload';
export { type MediaConfig, openMediaStore } from './open';
export { MAX_IMAGE_BYTES, type RenderedImage, renderProductImage } from './render';
export type { S3MediaConfig } from './s3-store';
export { isMediaKey, type MediaFile, type MediaStore, mediaContentType } from './store';
