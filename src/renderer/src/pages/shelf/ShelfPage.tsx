import { PlaceholderPage } from '../PlaceholderPage';

export function ShelfPage() {
  return <PlaceholderPage page="shelf" />;
}
