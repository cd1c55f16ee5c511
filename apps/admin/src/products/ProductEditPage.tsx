import type { RouterOutputs } from '@stockpulse/live';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { useLocations } from '../locations/useLocations';
import { trpc } from '../trpc';
import { PageHeader } from '../ui/PageHeader';
import { ErrorState, Loading } from '../ui/states';
import { ArchiveButton } from './ArchiveButton';
import { ProductImagesPanel } from './images/ProductImagesPanel';
import { ProductFields } from './ProductFields';
import {
  checkProductForm,
  EMPTY_PRODUCT_FORM,
  type ProductForm,
  type ProductFormErrors,
  productErrorsFromServer,
  toCreateInput,
  toUpdateInput,
  toVariantProductInput,
} from './product-form';
import { VariantsEditor } from './VariantsEditor';
import { VariantsTable } from './VariantsTable';
import { definedOptions, EMPTY_VARIANTS, type VariantsDraft, variantsInput } from './variant-grid';

type AdminProduct = RouterOutputs['admin']['products']['byId'];

const formOf = (p: AdminProduct): ProductForm => ({
  ...EMPTY_PRODUCT_FORM,
  sku: p.sku,
  name: p.name,
  categoryId: p.categoryId === null ? '' : String(p.categoryId),
  price: (p.priceCents / 100).toFixed(2),
  description: p.description,
  imageUrl: p.ownImageUrl ?? '',
});

/** `/products/new` creates, `/products/:id` edits; both show the server's refusals in place. */
export function ProductEditPage() {
  const param = useParams().productId;
  const id = param === undefined ? null : Number(param);
  const product = useQuery({
    ...trpc.admin.products.byId.queryOptions({ id: id ?? 0 }),
    enabled: id !== null && Number.isSafeInteger(id) && id > 0,
  });
  if (id === null) return <ProductEditor product={null} />;
  if (product.isPending) return <Loading />;
  if (product.isError) return <ErrorState error={product.error} retry={product.refetch} />;
  return (
    <>
      <ProductEditor key={product.data.updatedAt.getTime()} product={product.data} />
      <ProductImagesPanel productId={product.data.id} productName={product.data.name} />
    </>
  );
}

function ProductEditor({ product }: { product: AdminProduct | null }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const saved = product ? formOf(product) : EMPTY_PRODUCT_FORM;
  const [form, setForm] = useState<ProductForm>(saved);
  const [errors, setErrors] = useState<ProductFormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [variants, setVariants] = useState<VariantsDraft>(EMPTY_VARIANTS);
  const locations = useLocations();
  // A new product with an option defined has variants; an existing one with options too.
  const withVariants = product
    ? product.options.length > 0
    : definedOptions(variants.options).length > 0;

  const onError = (error: unknown) => {
    const mapped = productErrorsFromServer(error, withVariants);
    // The browser's own message for the price reads better than zod's "received NaN".
    setErrors({ ...mapped.fields, ...checkProductForm(form, withVariants) });
    setFormError(mapped.form);
  };
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.admin.products.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.inventory.pathFilter());
  };
  const create = useMutation(
    trpc.admin.products.create.mutationOptions({
      onSuccess: (created) => {
        refresh();
        toast.success(`Created ${created.name}`);
        navigate(`/products/${created.id}`);
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.admin.products.update.mutationOptions({
      onSuccess: (updated) => {
        refresh();
        toast.success(`Saved ${updated.name}`, {
          description: 'A new price applies to new orders; existing orders keep theirs.',
        });
      },
      onError,
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFormError(null);
    if (!product) {
      const locationIds = (locations.active ?? []).map((location) => location.id);
      const grid = variantsInput(variants, form, locationIds);
      create.mutate(grid ? toVariantProductInput(form, grid) : toCreateInput(form));
      return;
    }
    const input = toUpdateInput(product.id, form, saved);
    if (Object.keys(input).length === 1) {
      toast.info('Nothing changed');
      return;
    }
    update.mutate(input);
  };
  const pending = create.isPending || update.isPending;

  return (
    <>
      <Link to="/products" className="back-link">
        <ArrowLeft size={16} aria-hidden="true" /> Products
      </Link>
      <PageHeader
        title={product ? product.name : 'New product'}
        subtitle={
          product ? (
            <>
              {product.sku}
              {product.variants.length > 1 && ` · ${product.variants.length} variants`} ·{' '}
              <span className={product.active ? 'pill pill-active' : 'pill pill-archived'}>
                {product.active ? 'On sale' : 'Archived'}
              </span>{' '}
              · <Link to={`/inventory/${product.id}`}>Stock and ledger</Link>
            </>
          ) : (
            'It goes on sale as soon as it is created.'
          )
        }
        actions={product && <ArchiveButton product={product} />}
      />
      <form className="card form form-product" onSubmit={submit} noValidate>
        <ProductFields
          form={form}
          savedCategory={product?.category}
          errors={errors}
          creating={!product}
          withVariants={withVariants}
          // With variants, opening stock is per row and location, and prices are the rows'.
          omit={withVariants ? (product ? ['price'] : ['initialStock']) : undefined}
          onChange={(field, value) => setForm((previous) => ({ ...previous, [field]: value }))}
        />
        {!product && (
          <VariantsEditor
            draft={variants}
            product={form}
            locations={locations.active}
            onChange={setVariants}
          />
        )}
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {pending ? 'Saving…' : product ? 'Save changes' : 'Create product'}
          </button>
          {product && product.priceCents > 0 && (
            <span className="muted small">Price changes leave existing orders alone.</span>
          )}
        </div>
      </form>
      {product && product.options.length > 0 && (
        <VariantsTable productId={product.id} variants={product.variants} />
      )}
    </>
  );
}
