import { PlaceholderPage } from '../PlaceholderPage';

export function ShowPage() {
  return <PlaceholderPage page="show" />;
}
