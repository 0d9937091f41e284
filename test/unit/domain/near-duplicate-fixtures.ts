/**
 * Fictional stories for measuring near-duplicate detection (written for Wiredesk; no agency's
 * copy). `STORIES` are distinct stories; `SAME_EVENT` pairs are the hard negatives: two
 * agencies reporting the same event in their own words, which must both be published.
 * Same-copy variants (what a second agency or a re-keyed re-send looks like) are made from
 * `STORIES` by `sameCopyVariants`.
 */

export const STORIES: string[] = [
  `Pune, Nov 29 The Pune Municipal Corporation on Sunday approved a plan to cover four kilometres of the Mutha canal with solar panels, which officials said would generate enough power for the city's water pumping stations during the day. The standing committee cleared the proposal after a three-hour debate in which opposition members asked how the panels would be cleaned and who would pay for repairs after the monsoon. The civic body's electrical department said a private operator would build the panels at its own cost and sell the power back to the corporation at a fixed rate for twenty-five years. Work is expected to begin in February and the first two kilometres should be ready before the rains.`,
  `Kochi, Nov 29 A group of fishermen from Vypeen island has started a cooperative that sells the day's catch directly to households through a telephone order line, cutting out the auction at the harbour. The cooperative's secretary said forty boats had joined in the first month and that families were paying less for fresh sardines and mackerel while the fishermen earned about a fifth more per trip. Orders placed before six in the morning are delivered by noon on electric three-wheelers bought with a loan from the district cooperative bank. The fisheries department said it would study the model for other coastal villages in the district.`,
  `Indore, Nov 29 The Indore Development Authority has cancelled the tender for a flyover at the Rajwada crossing after the lowest bidder failed to submit proof of its past work, officials said on Sunday. The authority's chief executive said the project would be re-tendered within a fortnight and that the delay would not affect the completion date, which has been set for the end of next year. Traders in the old city had opposed the flyover, saying its pillars would block access to shops on the narrow roads around the palace. The authority said it would hold a public meeting with the traders before the new tender is issued.`,
  `Guwahati, Nov 29 The Assam State Zoo has welcomed two one-horned rhinoceros calves born within a week of each other, the first births at the zoo in six years. Keepers said both mothers and calves were healthy and would be kept away from visitors for at least two months. The zoo's veterinarian said the calves were feeding well and had each gained about five kilograms since birth. The state forest minister visited the enclosure on Saturday and announced a competition among schoolchildren to name the calves, with the winners to be invited to the zoo's annual wildlife week in October.`,
  `Shimla, Nov 29 Heavy snowfall on the upper reaches of Shimla and Kinnaur districts closed more than ninety roads on Sunday and left several villages without electricity, the state disaster management authority said. Snow-clearing machines were sent to the Hindustan-Tibet road, which was blocked beyond Narkanda, and officials said they hoped to reopen it by Monday evening. Tourists were advised not to travel beyond Kufri until the roads were cleared. The meteorological office has forecast more snow and rain over the next two days, with the cold wave expected to continue in the plains of the state.`,
  `Madurai, Nov 29 The Madurai bench of the Madras High Court on Sunday asked the state government to explain why a promised bus stand at Mattuthavani had not been built eight years after the land was acquired. The court was hearing a petition by a residents' association which said passengers were forced to wait on the roadside in the rain. The judges gave the transport department four weeks to file a report on the project and the money spent so far. The government pleader told the court that a revised design had been approved and that construction would begin early next year.`,
  `Surat, Nov 29 Diamond polishing units in Surat will close for three weeks over the festival season, longer than usual, because of weak orders from overseas buyers, the city's diamond association said on Sunday. The association's president said the closure would affect about two lakh workers and urged the state government to help those who are paid by the piece. Exporters said demand for polished stones had fallen in the United States and China this year while the price of rough diamonds had stayed high. Some smaller units have already let workers go, according to the workers' union.`,
  `Ranchi, Nov 29 Students at a government school in Ranchi have built a weather station from discarded electronics that reports rainfall and temperature to a website every ten minutes, their teacher said on Sunday. The station, which uses a secondhand solar panel and the circuit board of an old mobile phone, has been running since July without interruption. The students said they wanted farmers in nearby villages to know when to expect rain. The district education officer visited the school last week and said the project would be shown at the state science fair in January, where it will compete with entries from 300 other schools.`,
];

/** The same event, reported independently by two agencies: different copy that must not be merged. */
export const SAME_EVENT: [string, string][] = [
  [
    STORIES[0] as string,
    `Pune, Nov 29 Solar panels will be laid over a stretch of the Mutha canal under a proposal the civic standing committee passed on Sunday. Corporation officials expect the panels to meet the daytime electricity needs of the pumping stations that supply the city's water. Members of the opposition questioned the plan during the meeting, asking about maintenance after heavy rain. According to the electrical department, a private company will bear the cost of installation and sell electricity to the civic body at an agreed tariff over a quarter of a century. Construction is likely to start in February.`,
  ],
  [
    STORIES[3] as string,
    `Guwahati, Nov 29 Two rhino calves have been born at the state zoo in Guwahati in the space of a week, zoo officials said, ending a six-year wait for a birth at the facility. The mothers are being kept in a separate enclosure with their young, out of sight of the public, for the next couple of months. A veterinarian at the zoo said the calves were in good health. Forest minister visited on Saturday and invited schoolchildren to suggest names for the new arrivals, promising the winners a place at wildlife week.`,
  ],
  [
    STORIES[4] as string,
    `Shimla, Nov 29 Over ninety roads were shut and power supply was hit in many villages as fresh snow fell across the higher hills of Shimla and Kinnaur on Sunday. The disaster management authority said machines had been deployed to clear the national highway near Narkanda, which is expected to reopen on Monday. Authorities asked visitors to stay below Kufri for now. More rain and snow is forecast for the coming two days, and the plains of the state will remain in the grip of a cold wave, the weather office said.`,
  ],
  [
    STORIES[6] as string,
    `Surat, Nov 29 Surat's diamond units are set for a longer festive break this year, with the industry body announcing a three-week shutdown on Sunday as overseas orders dry up. Around two lakh polishers will be hit, the association said, asking the government to support workers paid per piece. Falling demand in America and China, combined with costly rough stones, has squeezed the trade, exporters said. The workers' union said several small units had already laid off staff in recent weeks.`,
  ],
];

export interface Variant {
  kind: string;
  text: string;
}

/** What the same copy looks like when it comes back: from a second agency, or re-keyed by the first. */
export function sameCopyVariants(story: string): Variant[] {
  const words = story.split(' ');
  const comma = story.indexOf(',');
  const place = story.slice(0, comma);
  const sentences = story.split(/(?<=\.) /);
  return [
    { kind: 'punctuation and case', text: story.replace(/'/g, '’').replace(/,/g, ' ,').toUpperCase() },
    {
      kind: 'agency dateline style',
      text: `${place.toUpperCase()}, Nov 29 (SW) —${story.slice(story.indexOf('Nov 29') + 'Nov 29'.length)}`,
    },
    { kind: 'sign-off added', text: `${story} (Sample Wire/AK/RS)` },
    { kind: 'credit line added', text: `${story} With inputs from Second Wire.` },
    { kind: 'one word corrected', text: words.map((word, i) => (i === Math.floor(words.length / 2) ? `${word}s` : word)).join(' ') },
    { kind: 'two words corrected', text: words.map((word, i) => (i === 20 || i === words.length - 20 ? 'corrected' : word)).join(' ') },
    { kind: 'last sentence dropped', text: sentences.slice(0, -1).join(' ') },
  ];
}
