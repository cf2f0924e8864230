import { PlaceholderPage } from '../PlaceholderPage';

export function OrdersPage() {
  return <PlaceholderPage page="orders" />;
}
