/**
 * English function words that carry no topic, plus the reporting verbs every wire story
 * repeats ("said", "told"). Kept short on purpose: the document-frequency cap (a term in more
 * than 5% of the archive is dropped) removes the rest of the common vocabulary by measurement.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am among an and any are as at be because been before being
  below between both but by can could did do does doing down during each either few for from further had has
  have having he her here hers herself him himself his how however i if in into is it its itself just may me
  might more most much must my myself no nor not now of off on once only or other our ours ourselves out over
  own per same shall she should since so some such than that the their theirs them themselves then there these
  they this those through to too under until up upon us very via was we were what when where which while who
  whom whose why will with within without would yet you your yours yourself yourselves
  said says say saying told according added adding
  mon monday tue tuesday wed wednesday thu thursday fri friday sat saturday sun sunday
  jan january feb february mar march apr april jun june jul july aug august sep sept september oct october
  nov november dec december`
    .split(/\s+/)
    .filter((word) => word !== ''),
);
