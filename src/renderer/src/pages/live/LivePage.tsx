import { PlaceholderPage } from '../PlaceholderPage';

export function LivePage() {
  return <PlaceholderPage page="live" />;
}
