/** Where a story goes on the site: its section, its city and its tags. Ingest decides it; the publisher stores it. */
export interface Route {
  section: string;
  city: string | null;
  tags: string[];
}
