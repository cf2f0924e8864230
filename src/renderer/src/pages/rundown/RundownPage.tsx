import { PlaceholderPage } from '../PlaceholderPage';

export function RundownPage() {
  return <PlaceholderPage page="rundown" />;
}
