import { layout, type PeriodRecord, type Store } from '@ferry/types';

/**
 * Published files the manifest does not list: what a publish copied before it was killed or failed short of its
 * manifest entry, or what an earlier version of a period still owned when the run that superseded it stopped before
 * deleting it. A reader of transactions/ would count their rows twice, so they go: the manifest is the truth of what is
 * published. Only names ferry gives its files are considered, and only under the run lock, so no publish is under way.
 */
export async function removeUnlisted(
  results: Store,
  work: Store,
  recorded: readonly PeriodRecord[],
  only: (publisher: { period: string; runId: string }) => boolean = () => true,
): Promise<string[]> {
  const listed = new Set(recorded.flatMap((record) => record.files.map((file) => file.key)));
  const published = await Promise.all([layout.results.transactionsRoot, layout.results.quarantineRoot].map((root) => results.list(root)));
  const unlisted = published
    .flat()
    .map((object) => object.key)
    .filter((key) => {
      const publisher = layout.results.publisherOf(key);
      return publisher !== undefined && only(publisher) && !listed.has(key);
    });
  if (unlisted.length === 0) return [];
  // The work store's promoted copies first: a file left there without its results twin is never found again.
  await work.delete(unlisted.flatMap((key) => layout.work.outputOf(key) ?? []));
  await results.delete(unlisted);
  return unlisted;
}
