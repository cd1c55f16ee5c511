import { productImageFacts } from '@stockpulse/core';
import type { Database } from '@stockpulse/db';
import { productImageSvg } from '@stockpulse/shared';
import type { FastifyInstance } from 'fastify';

/**
 * `/media/products/<sku>.svg` (`productImagePath` in @stockpulse/shared): the generated
 * picture of a product, 404 for an unknown SKU.
 */
export async function generatedImageRoutes(app: FastifyInstance, deps: { db: Database }) {
  app.get<{ Params: { file: string } }>('/media/products/:file', async (request, reply) => {
    const sku = /^(.{1,64})\.svg$/.exec(request.params.file)?.[1];
    const product = sku ? await productImageFacts(deps.db, sku) : null;
    if (!product) return reply.callNotFound();
    return reply
      .type('image/svg+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(productImageSvg(product));
  });
}
