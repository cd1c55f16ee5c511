import { apiError, type RouterOutputs } from '@stockpulse/live';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Plus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { count } from '../lib/format';
import { trpc } from '../trpc';
import { DataTable } from '../ui/DataTable';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { PageHeader } from '../ui/PageHeader';

type Category = RouterOutputs['admin']['categories']['list'][number];

const column = createColumnHelper<Category>();

/** Parent choices for `category` (none when new): every category not in its own subtree. */
function parentChoices(all: Category[], category: Category | null) {
  if (!category) return all.filter((c) => !c.archived);
  const below = new Set([category.id]);
  for (const c of all) if (c.parentId !== null && below.has(c.parentId)) below.add(c.id);
  return all.filter((c) => !below.has(c.id) && (!c.archived || c.id === category.parentId));
}

/** The create and edit form: a name and a parent; the server's refusal shows in place. */
function CategoryDialog(props: {
  all: Category[];
  category: Category | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const { category } = props;
  const [name, setName] = useState(category?.name ?? '');
  const [parentId, setParentId] = useState(category?.parentId ? String(category.parentId) : '');
  const [error, setError] = useState<string | null>(null);
  const done = async (message: string) => {
    await queryClient.invalidateQueries(trpc.admin.categories.pathFilter());
    await queryClient.invalidateQueries(trpc.admin.products.pathFilter());
    toast.success(message);
    props.onClose();
  };
  const onError = (e: unknown) => {
    const info = apiError(e);
    setError(Object.values(info.fieldErrors)[0] ?? info.message);
  };
  const create = useMutation(
    trpc.admin.categories.create.mutationOptions({
      onSuccess: (c) => done(`${c.label} created`),
      onError,
    }),
  );
  const update = useMutation(
    trpc.admin.categories.update.mutationOptions({
      onSuccess: (c) => done(`${c.label} saved`),
      onError,
    }),
  );
  const parent = parentId === '' ? null : Number(parentId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!category) return create.mutate({ name, parentId: parent });
    const changes = {
      ...(name.trim() !== category.name ? { name } : {}),
      ...(parent !== category.parentId ? { parentId: parent } : {}),
    };
    if (Object.keys(changes).length === 0) return props.onClose();
    update.mutate({ id: category.id, ...changes });
  };
  const pending = create.isPending || update.isPending;
  return (
    <Dialog
      title={category ? `Edit ${category.name}` : 'New category'}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="btn" data-close onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" form="category-form" className="btn btn-primary" disabled={pending}>
            {category ? 'Save' : 'Create category'}
          </button>
        </>
      }
    >
      <form id="category-form" onSubmit={submit} className="form-grid">
        <Field label="Name" error={error}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="name"
              value={name}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <Field label="Parent" hint="Filtering by a parent lists its subcategories' products too">
          {({ id, describedBy }) => (
            <select
              id={id}
              name="parentId"
              value={parentId}
              aria-describedby={describedBy}
              onChange={(event) => setParentId(event.target.value)}
            >
              <option value="">None (top level)</option>
              {parentChoices(props.all, category).map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
    </Dialog>
  );
}

function ArchiveToggle({ category }: { category: Category }) {
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.admin.categories.update.mutationOptions({
      onSuccess: async (c) => {
        await queryClient.invalidateQueries(trpc.admin.categories.pathFilter());
        await queryClient.invalidateQueries(trpc.admin.products.pathFilter());
        toast.success(c.archived ? `${c.label} archived` : `${c.label} back in use`);
      },
      onError: (e) => toast.error(apiError(e).message),
    }),
  );
  return (
    <button
      type="button"
      className={category.archived ? 'btn' : 'btn btn-ghost'}
      disabled={update.isPending}
      aria-label={`${category.archived ? 'Unarchive' : 'Archive'} ${category.name}`}
      onClick={() => update.mutate({ id: category.id, archived: !category.archived })}
    >
      {category.archived ? 'Unarchive' : 'Archive'}
    </button>
  );
}

/** `/categories`: the managed categories, children under their parents. */
export function CategoriesPage() {
  const categories = useQuery(trpc.admin.categories.list.queryOptions());
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const columns = [
    column.display({
      id: 'name',
      header: 'Category',
      cell: ({ row: { original: c } }) => (
        <div className="cell-two-line" style={{ paddingInlineStart: `${c.depth * 1.25}rem` }}>
          <span className="strong">{c.name}</span>
          <span className="muted">{c.slug}</span>
        </div>
      ),
    }),
    column.display({
      id: 'products',
      header: 'Products',
      meta: { numeric: true },
      cell: ({ row }) => count(row.original.productCount),
    }),
    column.display({
      id: 'status',
      header: 'Status',
      cell: ({ row: { original: c } }) => (
        <span className={c.archived ? 'pill pill-archived' : 'pill pill-active'}>
          {c.archived ? 'Archived' : 'In use'}
        </span>
      ),
    }),
    column.display({
      id: 'actions',
      header: () => <span className="sr-only">Actions</span>,
      meta: { className: 'actions-cell' },
      cell: ({ row: { original: c } }) => (
        <>
          <button
            type="button"
            className="btn btn-ghost"
            aria-label={`Edit ${c.name}`}
            onClick={() => setEditing(c)}
          >
            Edit
          </button>
          <ArchiveToggle category={c} />
        </>
      ),
    }),
  ];
  return (
    <>
      <PageHeader
        title="Categories"
        subtitle="What shoppers browse by. Archived ones leave the storefront's filter; their products stay."
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            <Plus size={16} aria-hidden="true" /> New category
          </button>
        }
      />
      <section className="card">
        <DataTable
          columns={columns}
          rows={categories.data}
          loading={categories.isPending}
          rowId={(c) => c.id}
          query={categories}
          empty="No categories yet."
        />
      </section>
      {editing && (
        <CategoryDialog
          all={categories.data ?? []}
          category={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
