// The word lists the line classifier and the person segmenter read pages against: jobs, institutions,
// venues and given names, in English, French and Spanish. A word's presence is one feature among several;
// no list decides a line alone.
import anyAscii from 'any-ascii';
import { findCountry } from '../domain/country.ts';

/** Nouns that make a phrase a job ("Director", "Ministra", "Conseiller"). */
export const JOB_WORDS: ReadonlySet<string> = new Set(
  `minister ministre ministra ambassador ambassadeur embajador embajadora director directeur directrice directora
  head chief president présidente presidente secretary secrétaire secretaria secretario representative représentant
  représentante facilitator chair chairman chairwoman chairperson coordinator coordinatrice coordinador coordinadora
  advisor adviser conseiller conseillère asesor asesora officer counsellor counselor consul commissioner envoy
  manager professor lecturer researcher fellow member founder cofounder ceo cfo coo mayor maire alcalde alcaldesa
  decano decana rectora intendenta intendente gobernador gobernadora historienne historien
  governor senator spokesperson spokesman spokeswoman attaché attache expert specialist analyst consultant economist
  lead leader partner associate delegate observer rapporteur judge editor journalist student activist dean rector
  chancellor deputy assistant vice principal executive administrator commander superintendent inspector registrar
  ombudsman ombudsperson prosecutor attorney lawyer counsel scientist intern trainee mediator moderator premier
  parliamentarian mp undersecretary sous-secrétaire viceministro viceministra vicepresidente vice-president
  vice-minister liaison champion patron trustee co-director co-chair co-facilitator co-founder staff officer
  programme-officer focal agent doctor teacher priest pastor bishop archbishop cardinal imam rabbi king queen
  prince princess chef cheffe ambassadrice responsable jefe jefa subdirector subdirectora consejero
  consejera ministro professeur profesor profesora investigador investigadora presidenta gerente
  doyen préfet prefect sociologist sociólogo socióloga géographe geographer architect arquitecto arquitecta
  urbaniste planner diputada diputado deputy-director académica académico journaliste periodista experte
  subsecretaria subsecretario secretary-general director-general sénateur senadora senador alcaldesa
  psychologist trainer worker blogger publisher writer author historian statistician engineer ingénieur
  ingeniero ingeniera avocat avocate abogado abogada juge juez jueza maire-adjoint
  président vice-président vice-présidente délégué déléguée maître maîtresse animateur animatrice
  host master mistress doyenne recteur rectrice préfète gouverneur sénatrice député députée portavoz procurador
  procuradora delegada delegado concejal concejala catedrático catedrática escritor escritora écrivain poète
  poeta chercheur chercheure chercheuse essayiste sociologue médecin économiste politólogo politóloga
  periodista journaliste présentateur présentatrice professeure conservateur conservatrice archiviste magistrat
  magistrate magistrado magistrada agrégé agrégée obispo arzobispo évêque archevêque párroco curé sacerdote
  canciller chanceler vicerrector vicerrectora investigatrice`.split(/\s+/),
);

/** Words that qualify a job and may open it: "Senior Fellow", "Vice President", "ex Ministra". */
export const JOB_MODIFIERS: ReadonlySet<string> = new Set(
  `senior junior vice deputy assistant associate executive chief principal former ex acting interim special
  permanent regional national general honorary adjunct visiting managing lead first second co`.split(/\s+/),
);

/** Words that make a phrase an institution. */
export const ORG_WORDS: ReadonlySet<string> = new Set(
  `ministry ministries ministère ministerio department departments dept office offices organization organisation
  organizations organisations agency agencies agence agences agencia commission council university universities université universidad
  institute institut instituto institution institutions centre center centro foundation foundations fondation
  fundación fund fonds forum bank banque banco programme program service services bureau union association
  associations network committee comité government gouvernement gobierno embassy ambassade embajada mission
  secretariat secrétariat authority parliament parlement parlamento assembly assemblée nations group groupe grupo
  society société sociedad federation fédération chamber court school college collège academy académie alliance
  coalition partnership trust company corporation inc ltd llc gmbh unit division directorate direction dirección
  cabinet presidency présidence senate sénat police army navy marines corps cross crescent city ville ciudad municipality municipalité
  municipio county province région region observatory platform consortium congress church caritas ngo ong
  administration hospital laboratory lab press times herald watch conseil consejo board
  interpol unicef unhcr undp unesco oecd ocde iom oim ilo oit who oms wfp fao imf wto
  intendencia provincia inspectorate chancellery collectif collective colectivo réseau asociación corporación
  corporacion fundacion asociacion ministerio secretaría secretaria-general sindicato syndicat junta
  programas programmes programs`.split(/\s+/),
);

/** Words of a line that says where a session is held: "Room 7", "Hemicycle", "Salle des fêtes". */
export const VENUE_WORDS: ReadonlySet<string> = new Set(
  `room rooms hall hemicycle hémicycle hemiciclo salle sala auditorium auditorio amphithéâtre amphitheatre
  amphitheater chamber venue lieu lugar building bâtiment edificio floor étage piso palais palacio boardroom
  interpretation interprétation interpretación lounge terrace lodge foyer lobby ballroom atrium pavilion
  restaurant hotel hôtel amphi salles salas aula aulas`.split(/\s+/),
);

// Given names come from @faker-js/faker's locale data (person.first_name of 60-odd locales: Europe, the Americas,
// Africa (Ghana, Nigeria, Senegal, South Africa, Yoruba, Zulu), the Middle East (Arabic, Persian, Hebrew, Turkish,
// Kurdish), Central, South and East Asia), read once when the importer loads; the data ships in the package.
// Kept here by hand only: names the package lacks (East Asian names in Latin letters, East African and Sahelian
// names, Kazakh, Punjabi, compound French names, accented Spanish and French forms it spells otherwise).
const FAKER_LOCALES = `af_ZA ar az bn_BD cs_CZ da de de_CH dv el en en_AU en_GH en_IE en_IN en_NG en_NP en_ZA es es_MX fa fi fr
  fr_BE fr_CH fr_SN he hr hu hy id_ID it ja ka_GE ko ku_ckb ku_kmr_latin lv mk mn_MN_cyrl nb_NO ne nl pl pt_BR pt_PT
  ro ru sk sl_SI sr_RS_latin sv ta_IN th tr uk ur uz_UZ_latin vi yo_NG zh_CN zh_TW zu_ZA`.split(/\s+/);

type FirstNames = string[] | { generic?: string[]; female?: string[]; male?: string[] } | undefined;
async function packageGivenNames(): Promise<{ names: string[]; chinese: string[]; several: string[] }> {
  const out: string[] = [];
  const chinese: string[] = [];
  const several: string[] = [];
  const mods = await Promise.all(
    FAKER_LOCALES.map((l) => import(`@faker-js/faker/locale/${l}`) as Promise<{ faker: { rawDefinitions: { person?: { first_name?: FirstNames } } } }>),
  );
  mods.forEach((m, k) => {
    const fn = m.faker.rawDefinitions.person?.first_name;
    if (fn === undefined) return;
    const names = Array.isArray(fn) ? fn : [...(fn.generic ?? []), ...(fn.female ?? []), ...(fn.male ?? [])];
    out.push(...names);
    if (FAKER_LOCALES[k]!.startsWith('zh_')) chinese.push(...names);
    if (FAKER_LOCALES[k] !== 'vi') several.push(...names.filter((n) => n.includes(' ')));
  });
  return { names: out, chinese, several };
}
const { names: PACKAGE_GIVEN_NAMES, chinese: CHINESE_GIVEN_NAMES, several: MULTI_WORD_NAMES } = await packageGivenNames();

// The package writes the names of some locales in their own script: the pages we read write them in Latin letters
// too ("Minjae", "Weichen", "Anastasiya", "Ayumi"), so those locales' names are added as any-ascii spells them, one
// fixed table per code point, where it spells a script with its vowels: Hangul, kana, Chinese (pinyin, only for
// the Chinese locales: a kanji name's Japanese reading is not its pinyin), Cyrillic, Greek, Armenian, Georgian.
// Abjads (Arabic, Hebrew, Persian, Urdu) and Thai come out without their vowels and are left out.
const SPELLED_SCRIPTS = /^(?:[\p{Script=Hangul}]+|[\p{Script=Hiragana}\p{Script=Katakana}ー]+|[\p{Script=Cyrillic}]+|[\p{Script=Greek}]+|[\p{Script=Armenian}]+|[\p{Script=Georgian}]+)$/u;
const HAN = /^\p{Script=Han}{1,3}$/u;
function latinSpellings(names: readonly string[], chinese: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const n of names) {
    for (const w of n.split(/\s+/)) {
      if (!(SPELLED_SCRIPTS.test(w) || (HAN.test(w) && chinese.has(n)))) continue;
      // any-ascii capitalises each syllable of Hangul and Chinese ("MinJae", "WeiChen"): the syllables joined, and
      // joined by a hyphen as Korean and Taiwanese names often are ("Min-jae", "Wei-chen").
      // Four letters at least: a short spelling ("Sea", "Sol", "Lad") is more often a word of the page.
      const a = anyAscii(w).replace(/['`]/g, '');
      if (!/^[A-Za-z]{4,}$/.test(a)) continue;
      out.push(a.toLowerCase());
      const syl = a.split(/(?<=[a-z])(?=[A-Z])/);
      if (syl.length >= 2) {
        out.push(syl.join('-').toLowerCase());
        // The older spellings of Korean syllables that pages keep using, syllable by syllable: "eong" as "ung"
        // ("Seong" → "Sung", "Jeong" → "Jung"), "Yeong" as "Young", "Hyeon" as "Hyun", "u" as "oo" ("Su" → "Soo",
        // "Hun" → "Hoon"), "U" as "Woo", and a first "G" as "K" ("Gyu" → "Kyu").
        if (/[\p{Script=Hangul}]/u.test(w) && syl.length <= 3) {
          let forms: string[][] = [[]];
          for (const x of syl) {
            const o = x.replace(/^Yeong$/, 'Young').replace(/^U$/, 'Woo').replace(/eong$/, 'ung').replace(/^Hyeon$/, 'Hyun')
              .replace(/^([BCDGHJKMNPSTY]h?)u(n?)$/, '$1oo$2').replace(/^G(?=[yi])/, 'K');
            forms = forms.flatMap((f) => o === x ? [[...f, x]] : [[...f, x], [...f, o]]);
          }
          for (const f of forms.slice(1)) { out.push(f.join('').toLowerCase()); out.push(f.join('-').toLowerCase()); }
        }
      }
    }
  }
  return out;
}
const LATIN_SPELLINGS = latinSpellings(PACKAGE_GIVEN_NAMES, new Set(CHINESE_GIVEN_NAMES));

/** Names the package lacks, kept by hand (see above). */
const HAND_GIVEN_NAMES = `ngozi wei li zhang wang chen liu yang huang zhao ming hui mei ling hiroshi yuki akiko sunil vikram deepak
  natalya ayşe jürgen héctor facundo álvaro simón noemí ramatou tarek khaled hoda mercy chukwuma adebayo tunde wanjiru
  kamau otieno achieng juma neema baraka hamidah aishah farid hafiz jie takashi haruto yuto aiko rajesh meera kavita
  siddharth ginette fernand josé-maría marie-claire marie-christine marie-france rob adaeze chidi efua thandiwe naledi
  nomsa thandeka bongani tendai tatenda farai wanjiku njeri kipchoge hamadi nkiruka zawadi aigerim gulnara bakyt
  harpreet gurpreet manpreet
  inmaculada aitana xosé xoán xurxo xulio brais breixo uxía antía iria sabela itziar iñaki ainhoa koldo xabier begoña amaia
  leire aránzazu arantxa arantza milagros guadalupe remedios asunción encarnación purificación concepción visitación
  covadonga fuensanta macarena montse montserrat meritxell roser oriol iker unai gorka mikel josu edurne garbiñe idoia
  nekane maialen uxue nagore irati olatz ibon aitor eneko asier ander igone josune kepa patxi txema
  emiko yuko noriko keiko kyoko michiko naoko tomoko yoko junko mariko sachiko kazuko hiroko masako reiko akemi ayako
  chieko etsuko fumiko kumiko mayumi miho misaki nanami saori sayaka tomomi yumiko yoshiko kaori takeshi kazuo hideo
  akira koji kōji makoto masahiro masato nobuo osamu satoshi shigeru shinji shinichi taro tarō tetsuya tomohiro
  yasuhiro yoshihiro yoshio yusuke daisuke kenichi ryota shota takumi tsuyoshi hideki hirofumi kiyoshi masayuki
  abebe tsegaye mulugeta alemayehu getachew tesfaye berhanu girma kebede tadesse worku mekonnen meseret tigist hirut
  almaz genet meron yohannes haile
  noboru norihiro seiji shunsuke tadashi takahiro tatsuya yuji yukio atsushi kaito hiroyuki kazuhiro toshihiro`.split(/\s+/);

// Words some locale lists as a given name that agenda pages use as ordinary words: months and days, modal verbs,
// function words of English, French and Spanish, places, and titles ("General", "Judge", "Don" is an honorific).
const NOT_GIVEN = new Set(
  `general major judge king queen prince princess dame lord royal don may will can june july august april mai avril
  juin juillet août summer winter hope joy faith honor honour justice art easter tea green meta name job una esta
  hasta su sem bas ave elle ville monde among rim delta monte viva deja cierra santa paris london geneva washington
  asia america africa europe rica virginia georgia jordan phoenix savanna sidney`.split(/\s+/),
);

function fold(w: string): string {
  return w.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
}

/** Given names across the regions agenda pages come from: one feature of a name, never required. */
export const GIVEN_NAMES: ReadonlySet<string> = (() => {
  const set = new Set<string>();
  // "Ana María", "María de los Ángeles": each capitalised word of a name of several words is a given name too, of four
  // letters at least (not Vietnamese names, whose syllables fold to common words: "Thể" → "the").
  const words = MULTI_WORD_NAMES.flatMap((n) => n.split(/\s+/).filter((w) => /^\p{Lu}\p{Ll}{3,}$/u.test(w)));
  for (const n of [...PACKAGE_GIVEN_NAMES, ...words, ...LATIN_SPELLINGS, ...HAND_GIVEN_NAMES]) {
    const k = n.toLowerCase();
    // One word of letters (no spaces); not a job, institution or venue word, nor a country.
    if (!/^[\p{L}\p{M}'’-]{2,}$/u.test(k) || NOT_GIVEN.has(k) || JOB_WORDS.has(k) || JOB_MODIFIERS.has(k) || ORG_WORDS.has(k) ||
      VENUE_WORDS.has(k) || findCountry(k) !== null) continue;
    set.add(k);
    set.add(fold(k));
  }
  for (const k of HAND_GIVEN_NAMES) set.add(k);
  return set;
})();

/** A word in a script without letter case (Arabic, Hebrew, Chinese, Japanese, Korean, Thai, Devanagari, …). */
export function isUncasedWord(w: string): boolean {
  return /^[\p{Lo}][\p{Lo}\p{M}\p{Lm}·・-]*$/u.test(w);
}

/** Chinese, Japanese or Korean written without spaces: one word may be a whole name ("王毅"). */
export function isCjkName(w: string): boolean {
  return /^[\p{Script=Han}\p{Script=Hangul}\p{Script=Katakana}\p{Script=Hiragana}·・]{2,6}$/u.test(w);
}

const OPENERS = new Set(['(', '"', '“', '‘', "'"]);
const CLOSERS = new Set([')', '"', '”', '’', "'", ',', '.', ';', ':']);
/** The word in lower case without the quotes, brackets and punctuation around it (a loop: linear on any input). */
function clean(w: string): string {
  let a = 0;
  let b = w.length;
  while (a < b && OPENERS.has(w[a]!)) a++;
  while (b > a && CLOSERS.has(w[b - 1]!)) b--;
  // "L'ASSOCIATION", "d'Ivoire": a French elided article is not part of the word.
  return w.slice(a, b).toLowerCase().replace(/^(?:l|d|qu)['’](?=\p{L})/u, '');
}

/** Whether a word names a job, or qualifies one that follows ("Senior", "Vice"). */
export function isJobWord(w: string): boolean {
  const k = clean(w);
  return JOB_WORDS.has(k) || JOB_MODIFIERS.has(k) || JOB_WORDS.has(k.replace(JOB_PREFIX, ''));
}
// "viceconsejera", "vicerrector", "cochair", "sous-préfet", "ex-ministre": a job word with a prefix of rank is a job
// word (the rest four letters at least, so no given name or common word is cut into one).
const JOB_PREFIX = /^(?:vice-?|sub-?|sous-|co-|ex-)(?=\p{L}{4})/u;

export function isOrgWord(w: string): boolean {
  return ORG_WORDS.has(clean(w));
}

export function isVenueWord(w: string): boolean {
  return VENUE_WORDS.has(clean(w));
}

export function isGivenName(w: string): boolean {
  const k = clean(w);
  return GIVEN_NAMES.has(k) || GIVEN_NAMES.has(fold(k));
}
