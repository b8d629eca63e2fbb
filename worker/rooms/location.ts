/**
 * Where a room's Durable Object should live, from the meeting's IANA timezone. A location hint
 * is only honoured when the object is first created, so the join route passes it every time and
 * the first join decides. The mapping is deliberately coarse: the zone says where most of a
 * meeting's people are, which is all a hint needs.
 *
 * | Zone                                                        | Hint   |
 * |-------------------------------------------------------------|--------|
 * | America/* west of ~-100° (Los_Angeles, Denver, Phoenix, Vancouver, Anchorage…), Pacific/Honolulu | wnam |
 * | other America/* in North/Central America and the Caribbean  | enam   |
 * | America/* in South America (Sao_Paulo, Buenos_Aires, Argentina/*, Bogota, Lima, Santiago…) | sam |
 * | Europe/* west/central, Atlantic/*, Arctic/*                 | weur   |
 * | Europe/* east (Kyiv, Moscow, Helsinki, Athens, Istanbul…)   | eeur   |
 * | Africa/*                                                    | afr    |
 * | Asia/* Middle East (Dubai, Riyadh, Tehran, Jerusalem…)      | me     |
 * | other Asia/*, Indian/*                                      | apac   |
 * | Australia/*, Pacific/* (except Honolulu), Antarctica/*      | oc     |
 * | anything else (UTC, Etc/*)                                  | none   |
 */
const WEST_NORTH_AMERICA = new Set([
  "Los_Angeles",
  "Vancouver",
  "Tijuana",
  "Denver",
  "Phoenix",
  "Boise",
  "Edmonton",
  "Anchorage",
  "Juneau",
  "Sitka",
  "Nome",
  "Yakutat",
  "Metlakatla",
  "Whitehorse",
  "Dawson",
  "Hermosillo",
  "Mazatlan",
  "Yellowknife",
  "Inuvik",
  "Cambridge_Bay",
  "Creston",
  "Dawson_Creek",
  "Fort_Nelson",
  "Ciudad_Juarez",
  "Adak",
]);
const SOUTH_AMERICA = new Set([
  "Sao_Paulo",
  "Buenos_Aires",
  "Bogota",
  "Lima",
  "Santiago",
  "Caracas",
  "Montevideo",
  "Asuncion",
  "La_Paz",
  "Guayaquil",
  "Cayenne",
  "Paramaribo",
  "Guyana",
  "Manaus",
  "Recife",
  "Fortaleza",
  "Belem",
  "Bahia",
  "Cuiaba",
  "Campo_Grande",
  "Porto_Velho",
  "Boa_Vista",
  "Rio_Branco",
  "Maceio",
  "Araguaina",
  "Santarem",
  "Noronha",
  "Eirunepe",
  "Punta_Arenas",
]);
const EAST_EUROPE = new Set([
  "Kyiv",
  "Kiev",
  "Moscow",
  "Helsinki",
  "Athens",
  "Istanbul",
  "Bucharest",
  "Sofia",
  "Riga",
  "Tallinn",
  "Vilnius",
  "Minsk",
  "Chisinau",
  "Kaliningrad",
  "Samara",
  "Volgograd",
  "Saratov",
  "Ulyanovsk",
  "Astrakhan",
  "Kirov",
  "Simferopol",
  "Mariehamn",
  "Uzhgorod",
  "Zaporozhye",
]);
const MIDDLE_EAST = new Set([
  "Dubai",
  "Riyadh",
  "Tehran",
  "Jerusalem",
  "Tel_Aviv",
  "Baghdad",
  "Kuwait",
  "Qatar",
  "Bahrain",
  "Muscat",
  "Amman",
  "Beirut",
  "Damascus",
  "Aden",
  "Nicosia",
  "Famagusta",
  "Hebron",
  "Gaza",
]);

/** The Durable Object location hint for a meeting's timezone, or undefined to let Cloudflare choose. */
export function locationHintForTimezone(timezone: string): DurableObjectLocationHint | undefined {
  const [area, ...rest] = timezone.split("/");
  const city = rest[rest.length - 1] ?? "";
  switch (area) {
    case "America":
      if (rest[0] === "Argentina" || SOUTH_AMERICA.has(city)) return "sam";
      return WEST_NORTH_AMERICA.has(city) ? "wnam" : "enam";
    case "US":
      return ["Pacific", "Mountain", "Arizona", "Alaska", "Hawaii", "Aleutian"].includes(city) ? "wnam" : "enam";
    case "Canada":
      return ["Pacific", "Mountain", "Yukon"].includes(city) ? "wnam" : "enam";
    case "Europe":
      return EAST_EUROPE.has(city) ? "eeur" : "weur";
    case "Atlantic":
    case "Arctic":
      return "weur";
    case "Africa":
      return "afr";
    case "Asia":
      return MIDDLE_EAST.has(city) ? "me" : "apac";
    case "Indian":
      return "apac";
    case "Australia":
    case "Antarctica":
      return "oc";
    case "Pacific":
      return city === "Honolulu" ? "wnam" : "oc";
    default:
      return undefined;
  }
}
