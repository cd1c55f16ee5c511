import {
  Boxes,
  ChartLine,
  FileSpreadsheet,
  LayoutDashboard,
  type LucideIcon,
  MapPin,
  Package,
  PackageCheck,
  ReceiptText,
  Tags,
  Truck,
  Undo2,
  Users,
  Workflow,
} from 'lucide-react';

export interface NavItem {
  to: string;
  label: string;
  icon: LucideIcon;
}

/** The sidebar, in the order staff use it. */
export const NAV: readonly NavItem[] = [
  { to: '/', label: 'Overview', icon: LayoutDashboard },
  { to: '/orders', label: 'Orders', icon: ReceiptText },
  { to: '/fulfilment', label: 'Fulfilment', icon: PackageCheck },
  { to: '/returns', label: 'Returns', icon: Undo2 },
  { to: '/inventory', label: 'Inventory', icon: Boxes },
  { to: '/transfers', label: 'Transfers', icon: Truck },
  { to: '/locations', label: 'Locations', icon: MapPin },
  { to: '/products', label: 'Products', icon: Package },
  { to: '/categories', label: 'Categories', icon: Tags },
  { to: '/customers', label: 'Customers', icon: Users },
  { to: '/import-export', label: 'Import & export', icon: FileSpreadsheet },
  { to: '/sales', label: 'Sales', icon: ChartLine },
  { to: '/queues', label: 'Queues', icon: Workflow },
];
