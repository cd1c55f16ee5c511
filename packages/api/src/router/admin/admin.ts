import { router } from '../../trpc';
import { adminCategoriesRouter } from './categories';
import { adminCustomersRouter } from './customers';
import { adminFulfilmentRouter } from './fulfilment';
import { adminImagesRouter } from './images';
import { adminImportsRouter } from './imports';
import { adminInventoryRouter } from './inventory';
import { adminLocationsRouter } from './locations';
import { adminOrdersRouter } from './orders';
import { adminProductsRouter } from './products';
import { adminQueuesRouter } from './queues';
import { adminRestocksRouter } from './restocks';
import { adminReturnsRouter } from './returns';
import { adminSalesRouter } from './sales';
import { adminTransfersRouter } from './transfers';
import { adminVariantsRouter } from './variants';

/** The admin console's API: every procedure is `adminProcedure` (FORBIDDEN to customers). */
export const adminRouter = router({
  orders: adminOrdersRouter,
  fulfilment: adminFulfilmentRouter,
  inventory: adminInventoryRouter,
  products: adminProductsRouter,
  categories: adminCategoriesRouter,
  images: adminImagesRouter,
  imports: adminImportsRouter,
  customers: adminCustomersRouter,
  sales: adminSalesRouter,
  restocks: adminRestocksRouter,
  returns: adminReturnsRouter,
  queues: adminQueuesRouter,
  locations: adminLocationsRouter,
  transfers: adminTransfersRouter,
  variants: adminVariantsRouter,
});
