import { router } from '../../trpc';
import { adminCustomersRouter } from './customers';
import { adminImagesRouter } from './images';
import { adminInventoryRouter } from './inventory';
import { adminOrdersRouter } from './orders';
import { adminProductsRouter } from './products';
import { adminQueuesRouter } from './queues';
import { adminRestocksRouter } from './restocks';
import { adminSalesRouter } from './sales';

/** The admin console's API: every procedure is `adminProcedure` (FORBIDDEN to customers). */
export const adminRouter = router({
  orders: adminOrdersRouter,
  inventory: adminInventoryRouter,
  products: adminProductsRouter,
  images: adminImagesRouter,
  customers: adminCustomersRouter,
  sales: adminSalesRouter,
  restocks: adminRestocksRouter,
  queues: adminQueuesRouter,
});
