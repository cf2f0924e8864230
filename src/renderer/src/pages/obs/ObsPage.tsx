import { PlaceholderPage } from '../PlaceholderPage';

export function ObsPage() {
  return <PlaceholderPage page="obs" />;
}
