// A synthetic archive for benchmarks (`plenary demo-archive --events N [--seed S]`): twenty years
// of dialogues in several series, with moderators and speakers named in many scripts, who come
// back year after year in changing positions, and statements of 300–1,500 words in English,
// French and Spanish. Deterministic: the same seed gives the same archive.
//
// Every event is stored through importAgenda and published in the same write, exactly as
// `plenary import --publish` stores a page read from the web: the archive is indistinguishable
// from imported data (persons and organizations matched by the import's identity rules, audit
// entries, releases). The plan (planArchive) and the statements' texts (statementText) are pure.
import type { Agenda, AgendaPerson, AgendaSession } from '../domain/agenda.ts';
import { countryName } from '../domain/country.ts';
import type { EventTarget } from '../domain/event.ts';
import type { Language } from '../domain/language.ts';
import { normaliseName } from '../domain/names.ts';
import { organizationIdentity } from '../domain/organization.ts';
import { slugify } from '../domain/slug.ts';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { insertFiles } from '../storage/queries/files.ts';
import { PLAIN_TEXT, storeFileTexts } from '../storage/queries/search.ts';
import type { Storage } from '../storage/storage.ts';
import { declareChange, write } from '../storage/write.ts';
import { sha256 } from './archive-codec.ts';
import { importAgenda } from './import-agenda.ts';
import { publishEvent } from './releases.ts';

// ---------------------------------------------------------------------------------------------
// Randomness: a small seeded generator (mulberry32), so that a seed gives the same archive on
// every machine and Node version.

export type Rng = { next(): number; int(lo: number, hi: number): number; pick<T>(list: readonly T[]): T; chance(p: number): boolean };

/** A 32-bit hash of a string (FNV-1a), to seed generators from names. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function rng(seed: number | string): Rng {
  let a = typeof seed === 'number' ? seed >>> 0 : hash32(seed);
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)]!,
    chance: (p) => next() < p,
  };
}

// ---------------------------------------------------------------------------------------------
// Names, as written in their own scripts (the store keeps them so). Family names that agree with
// gender come in pairs [masculine, feminine].

type Gender = 'f' | 'm';
type NameRegion = {
  /** ISO codes of the countries whose people are named so */
  countries: readonly string[];
  f: readonly string[];
  m: readonly string[];
  family: ReadonlyArray<string | readonly [string, string]>;
  /** how the parts are joined: "given family" (default), family first, or without a space */
  order?: 'family-first' | 'family-first-tight';
};

const REGIONS: readonly NameRegion[] = [
  { countries: ['ES', 'MX', 'AR', 'CO', 'CL', 'PE', 'EC', 'GT', 'BO', 'UY'], f: ['María', 'Lucía', 'Camila', 'Valentina', 'Sofía', 'Ximena', 'Begoña', 'Inés', 'Mónica', 'Ángela', 'Rocío', 'Pilar'], m: ['José', 'Alejandro', 'Andrés', 'Joaquín', 'Martín', 'Íñigo', 'Raúl', 'Rubén', 'Óscar', 'Tomás', 'Hernán', 'Julián'], family: ['García', 'Fernández', 'Martínez', 'López', 'Rodríguez', 'Álvarez', 'Muñoz', 'Peña', 'Gutiérrez', 'Ibáñez', 'Castañeda', 'Domínguez', 'Sánchez', 'Núñez', 'Quiñones', 'Benítez'] },
  { countries: ['BR', 'PT', 'AO', 'MZ', 'CV'], f: ['Conceição', 'Luíza', 'Thaís', 'Graça', 'Fernanda', 'Letícia', 'Márcia', 'Inês'], m: ['João', 'Gonçalo', 'Antônio', 'Sebastião', 'Rogério', 'Vinícius', 'Caetano', 'Estêvão'], family: ['Gonçalves', 'Magalhães', 'Araújo', 'Brandão', 'Simões', 'Assunção', 'Guimarães', 'Conceição', 'Falcão', 'Carvalho'] },
  { countries: ['FR', 'BE', 'CH', 'SN', 'CI', 'HT', 'CM', 'BF'], f: ['Hélène', 'Amélie', 'Gaëlle', 'Séverine', 'Thérèse', 'Éloïse', 'Aïssatou', 'Clémence', 'Maïté', 'Anaïs'], m: ['François', 'Loïc', 'Jérôme', 'Noël', 'Benoît', 'Cédric', 'Aurélien', 'Mamadou', 'Joël', 'Étienne'], family: ['Lefèvre', 'Dubois', 'Bérubé', 'Gagné', 'Ndiaye', 'Côté', 'Fontaine', 'Mercier', 'Lévêque', 'Chénier', 'Faye', 'Kaboré', 'Ouédraogo', 'Mbarga'] },
  { countries: ['NG', 'GH', 'KE', 'ZA', 'TZ', 'UG', 'ML', 'RW'], f: ['Amina', 'Ngozi', 'Thandiwe', 'Wanjiru', 'Fatoumata', 'Chiamaka', 'Nomvula', 'Adaeze', 'Akosua', 'Nyokabi'], m: ['Kwame', 'Oluwaseun', 'Kofi', 'Sipho', 'Abdoulaye', 'Chinedu', 'Baraka', 'Themba', 'Yaw', 'Kipchoge'], family: ['Diallo', 'Mensah', 'Okonkwo', 'Nkosi', 'Adébáyọ̀', 'Kamau', 'Traoré', 'Mwangi', 'Boateng', 'Asante', 'Okafor', 'Dlamini', 'Keïta', 'Uwimana'] },
  { countries: ['PL', 'CZ', 'DE', 'AT', 'HU', 'RO', 'HR', 'SK'], f: ['Małgorzata', 'Zuzana', 'Käthe', 'Réka', 'Ioana', 'Ivana', 'Agnieszka', 'Jitka', 'Anneliese', 'Zsófia'], m: ['Łukasz', 'Jiří', 'Jürgen', 'Ádám', 'Ştefan', 'Željko', 'Wojciech', 'Tomáš', 'Günther', 'Mihály'], family: ['Wróblewski', 'Dvořák', 'Müller', 'Szabó', 'Popescu', 'Kovačević', 'Nowak', 'Horváth', 'Štěpánek', 'Brückner', 'Ionescu', 'Jovanović', 'Grünwald', 'Kowalczyk'] },
  { countries: ['NO', 'SE', 'DK', 'FI', 'IS'], f: ['Åsa', 'Sigríður', 'Ingrid', 'Päivi', 'Þóra', 'Liv', 'Solveig', 'Märta'], m: ['Søren', 'Björn', 'Mikael', 'Jussi', 'Ólafur', 'Magnus', 'Håkon', 'Jörgen'], family: ['Lindström', 'Sørensen', 'Halvorsen', 'Järvinen', 'Bergström', 'Nyström', 'Virtanen', 'Kristjánsson', 'Østergaard', 'Åberg'] },
  { countries: ['TR', 'AZ'], f: ['Çağla', 'Gülşen', 'Ayşe', 'Elçin', 'Şebnem', 'Zeynep'], m: ['Şükrü', 'İbrahim', 'Ömer', 'Ərtoğrul', 'Çağatay', 'Oğuz'], family: ['Yıldız', 'Öztürk', 'Çelik', 'Şahin', 'Aydın', 'Kılıç', 'Əliyev', 'Güneş'] },
  { countries: ['VN'], order: 'family-first', f: ['Thị Lan', 'Thị Hương', 'Ngọc Ánh', 'Thu Thảo', 'Bích Ngọc', 'Thị Hằng'], m: ['Văn Minh', 'Văn Dũng', 'Quang Huy', 'Đức Anh', 'Văn Hùng', 'Minh Tuấn'], family: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'] },
  { countries: ['PH', 'ID', 'MY'], f: ['Siti', 'Dewi', 'Marites', 'Nurul', 'Ligaya', 'Rina'], m: ['Budi', 'Agus', 'Rizal', 'Jose Maria', 'Bayani', 'Hafiz'], family: ['Santoso', 'Wijaya', 'Hidayat', 'Reyes', 'Dela Cruz', 'Bautista', 'Abdullah', 'Kusuma', 'Mangubat'] },
  { countries: ['US', 'GB', 'AU', 'NZ', 'CA', 'IE'], f: ['Sarah', 'Siobhán', 'Emily', 'Aoife', 'Rebecca', 'Margaret', 'Chloe', 'Niamh'], m: ['James', 'Liam', 'Michael', 'David', 'Thomas', 'Seán', 'Andrew', 'Hamish'], family: ['Smith', "O'Brien", 'Thompson', 'MacLeod', 'Walker', 'Fitzgerald', 'Harrington', 'Ó Súilleabháin', 'Whitfield', 'Campbell'] },
  { countries: ['EG', 'JO', 'MA', 'LB', 'IQ', 'SA', 'TN', 'DZ', 'SD', 'AE', 'QA'], f: ['فاطمة', 'ليلى', 'مريم', 'سارة', 'نور', 'رانيا', 'هدى', 'ياسمين', 'سلمى', 'دينا'], m: ['محمد', 'أحمد', 'يوسف', 'خالد', 'عمر', 'حسن', 'طارق', 'كريم', 'سامي', 'ماجد'], family: ['العلي', 'حداد', 'المنصوري', 'الخطيب', 'بن علي', 'الحسيني', 'المصري', 'الزين', 'عبد الله', 'الشامي', 'التونسي', 'البزاز'] },
  { countries: ['IR', 'AF'], f: ['مریم', 'زهرا', 'فرشته', 'شیرین', 'نیلوفر'], m: ['علی', 'رضا', 'حمید', 'کامران', 'بهرام'], family: ['احمدی', 'رضایی', 'محمدی', 'کریمی', 'حسینی', 'نوری'] },
  { countries: ['IL'], f: ['נועה', 'תמר', 'מיכל', 'שירה'], m: ['יוסף', 'דוד', 'אבי', 'איתן'], family: ['כהן', 'לוי', 'מזרחי', 'פרץ', 'ביטון', 'אברהם'] },
  { countries: ['CN', 'TW', 'SG'], order: 'family-first-tight', f: ['娜', '静', '丽', '艳', '秀英', '海燕', '玲', '芳', '晓红', '桂英'], m: ['伟', '强', '军', '洋', '勇', '杰', '涛', '建华', '志强', '晓明'], family: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'] },
  { countries: ['JP'], order: 'family-first-tight', f: ['花子', '美咲', '陽菜', '由美', '恵子', '彩'], m: ['健太', '翔太', '大輔', '誠', '拓也', '浩'], family: ['佐藤', '鈴木', '高橋', '田中', '渡辺', '伊藤', '山本', '中村'] },
  { countries: ['KR'], order: 'family-first-tight', f: ['서연', '하은', '수빈', '지영', '민지'], m: ['민준', '지훈', '현우', '영호', '성민'], family: ['김', '이', '박', '최', '정', '강', '조', '윤'] },
  { countries: ['RU', 'UA', 'KZ', 'BY', 'KG'], f: ['Ольга', 'Наталья', 'Анна', 'Оксана', 'Айгүл', 'Мария', 'Екатерина', 'Ирина'], m: ['Иван', 'Сергей', 'Дмитрий', 'Олександр', 'Нурлан', 'Алексей', 'Андрій', 'Тимур'], family: [['Петров', 'Петрова'], ['Смирнов', 'Смирнова'], 'Коваленко', ['Иванов', 'Иванова'], ['Кузнецов', 'Кузнецова'], 'Шевченко', ['Ахметов', 'Ахметова'], ['Попов', 'Попова'], ['Соколов', 'Соколова'], 'Бондаренко', ['Морозов', 'Морозова'], 'Ткаченко'] },
  { countries: ['GR', 'CY'], f: ['Μαρία', 'Ελένη', 'Κατερίνα', 'Σοφία', 'Δέσποινα'], m: ['Γιώργος', 'Νίκος', 'Δημήτρης', 'Κώστας', 'Παναγιώτης'], family: [['Παπαδόπουλος', 'Παπαδοπούλου'], 'Γεωργίου', 'Οικονόμου', 'Νικολάου', 'Κωνσταντίνου', 'Βασιλείου', ['Αλεξίου', 'Αλεξίου']] },
  { countries: ['IN', 'NP'], f: ['प्रिया', 'अनीता', 'दीपिका', 'कविता', 'पूजा', 'सुनीता', 'मीनाक्षी'], m: ['राहुल', 'सुनील', 'अमित', 'राजेश', 'विकास', 'अरुण', 'संजय'], family: ['शर्मा', 'वर्मा', 'गुप्ता', 'सिंह', 'जोशी', 'श्रेष्ठ', 'अधिकारी', 'मिश्रा', 'यादव', 'त्रिपाठी'] },
  { countries: ['BD'], f: ['ফাতেমা', 'নুসরাত', 'শাহানা', 'তাহমিনা'], m: ['রহিম', 'করিম', 'আনিসুর', 'মাহমুদ'], family: ['হোসেন', 'আহমেদ', 'চৌধুরী', 'রহমান', 'ইসলাম'] },
  { countries: ['TH'], f: ['สมศรี', 'มาลี', 'นภา', 'ปราณี'], m: ['สมชาย', 'วิชัย', 'ประเสริฐ', 'สุรชัย'], family: ['ใจดี', 'ศรีสุข', 'วงศ์ใหญ่', 'แสงทอง', 'บุญมา'] },
  { countries: ['ET'], f: ['ሄለን', 'መሰረት', 'ብርቱካን', 'ፀሐይ'], m: ['አበበ', 'ዮሐንስ', 'ተስፋዬ', 'ዳዊት'], family: ['በቀለ', 'ታደሰ', 'ገብሬ', 'አለሙ', 'ከበደ', 'ወልደ ማርያም'] },
  { countries: ['GE'], f: ['ნინო', 'თამარ', 'ეკა', 'მარიამ'], m: ['გიორგი', 'დავით', 'ლევან', 'ირაკლი'], family: ['ბერიძე', 'კაპანაძე', 'გელაშვილი', 'მამულაშვილი', 'ლომიძე'] },
  { countries: ['AM'], f: ['Անի', 'Նարինե', 'Լուսինե'], m: ['Արամ', 'Դավիթ', 'Տիգրան'], family: ['Պետրոսյան', 'Հակոբյան', 'Սարգսյան', 'Գրիգորյան'] },
];

// ---------------------------------------------------------------------------------------------
// Places: cities with their country and IANA zone.

const CITIES: ReadonlyArray<readonly [city: string, country: string, zone: string]> = [
  ['Geneva', 'CH', 'Europe/Zurich'], ['New York', 'US', 'America/New_York'], ['Bangkok', 'TH', 'Asia/Bangkok'], ['Nairobi', 'KE', 'Africa/Nairobi'],
  ['Addis Ababa', 'ET', 'Africa/Addis_Ababa'], ['Dakar', 'SN', 'Africa/Dakar'], ['Ciudad de México', 'MX', 'America/Mexico_City'], ['Bogotá', 'CO', 'America/Bogota'],
  ['Buenos Aires', 'AR', 'America/Argentina/Buenos_Aires'], ['Montréal', 'CA', 'America/Toronto'], ['Paris', 'FR', 'Europe/Paris'], ['Madrid', 'ES', 'Europe/Madrid'],
  ['Vienna', 'AT', 'Europe/Vienna'], ['Cairo', 'EG', 'Africa/Cairo'], ['Amman', 'JO', 'Asia/Amman'], ['Manila', 'PH', 'Asia/Manila'],
  ['Jakarta', 'ID', 'Asia/Jakarta'], ['New Delhi', 'IN', 'Asia/Kolkata'], ['Kathmandu', 'NP', 'Asia/Kathmandu'], ['Tbilisi', 'GE', 'Asia/Tbilisi'],
  ['Almaty', 'KZ', 'Asia/Almaty'], ['Rabat', 'MA', 'Africa/Casablanca'], ['Tunis', 'TN', 'Africa/Tunis'], ['Abidjan', 'CI', 'Africa/Abidjan'],
  ['Johannesburg', 'ZA', 'Africa/Johannesburg'], ['Brussels', 'BE', 'Europe/Brussels'], ['Santiago', 'CL', 'America/Santiago'], ['Lima', 'PE', 'America/Lima'],
  ['Quito', 'EC', 'America/Guayaquil'], ['Suva', 'FJ', 'Pacific/Fiji'], ['Tokyo', 'JP', 'Asia/Tokyo'], ['Seoul', 'KR', 'Asia/Seoul'],
  ['Beijing', 'CN', 'Asia/Shanghai'], ['Doha', 'QA', 'Asia/Qatar'], ['Istanbul', 'TR', 'Europe/Istanbul'], ['Athens', 'GR', 'Europe/Athens'],
  ['Ouagadougou', 'BF', 'Africa/Ouagadougou'], ['Yaoundé', 'CM', 'Africa/Douala'], ['Dhaka', 'BD', 'Asia/Dhaka'], ['Lisboa', 'PT', 'Europe/Lisbon'],
];
const VENUES = ['International Conference Centre', 'Palais des Nations', 'Centro de Convenciones', 'Centre international de conférences', 'United Nations Conference Centre', 'Hotel Intercontinental', 'Palacio de Congresos'];

// ---------------------------------------------------------------------------------------------
// Series: each with its language, convener, themes and the positions and words of its pages.

type SeriesPlan = { slug: string; code: string; title: string; lang: Language; convener: string; description: string; topics: readonly string[] };

const TOPICS: Record<Language, readonly string[]> = {
  en: ['climate mobility', 'urban resilience', 'labour migration', 'water security', 'digital inclusion', 'ocean governance', 'public health preparedness', 'disaster risk reduction', 'youth employment', 'food systems', 'remittances and development', 'gender equality in the workplace', 'data for development', 'transboundary rivers', 'social protection'],
  fr: ['la mobilité climatique', 'la résilience urbaine', 'la migration de travail', 'la sécurité hydrique', 'l’inclusion numérique', 'la gouvernance des océans', 'la préparation sanitaire', 'la réduction des risques de catastrophe', 'l’emploi des jeunes', 'les systèmes alimentaires', 'les transferts de fonds', 'l’égalité entre les femmes et les hommes', 'les données pour le développement', 'les fleuves transfrontaliers', 'la protection sociale'],
  es: ['la movilidad climática', 'la resiliencia urbana', 'la migración laboral', 'la seguridad hídrica', 'la inclusión digital', 'la gobernanza de los océanos', 'la preparación sanitaria', 'la reducción del riesgo de desastres', 'el empleo juvenil', 'los sistemas alimentarios', 'las remesas y el desarrollo', 'la igualdad de género en el trabajo', 'los datos para el desarrollo', 'los ríos transfronterizos', 'la protección social'],
};

const SERIES: readonly SeriesPlan[] = [
  { slug: 'global-dialogue-water-governance', code: 'gdwg', title: 'Global Dialogue on Water Governance', lang: 'en', convener: 'United Nations Environment Programme', description: 'Ministers, cities and basin organizations on sharing water.', topics: TOPICS.en },
  { slug: 'dialogue-regional-mobilite-climatique', code: 'drmc', title: 'Dialogue régional sur la mobilité climatique', lang: 'fr', convener: 'African Union Commission', description: 'Les États du Sahel et de l’Afrique de l’Ouest face aux déplacements liés au climat.', topics: TOPICS.fr },
  { slug: 'foro-iberoamericano-migracion-desarrollo', code: 'fimd', title: 'Foro Iberoamericano sobre Migración y Desarrollo', lang: 'es', convener: 'Comisión Económica para América Latina y el Caribe', description: 'Gobiernos, ciudades y sociedad civil de Iberoamérica.', topics: TOPICS.es },
  { slug: 'ministerial-conference-digital-trade', code: 'mcdt', title: 'Ministerial Conference on Digital Trade', lang: 'en', convener: 'OECD Development Centre', description: 'Trade ministers and the private sector on rules for digital trade.', topics: TOPICS.en },
  { slug: 'interparliamentary-forum-global-health', code: 'ifgh', title: 'Interparliamentary Forum on Global Health', lang: 'en', convener: 'Inter-Parliamentary Union', description: 'Parliamentarians on health financing and preparedness.', topics: TOPICS.en },
  { slug: 'ocean-governance-dialogue', code: 'ogd', title: 'Ocean Governance Dialogue', lang: 'en', convener: 'Intergovernmental Oceanographic Commission', description: 'Coastal states, scientists and fisheries on the high seas.', topics: TOPICS.en },
  { slug: 'conference-villes-sahel', code: 'cvs', title: 'Conférence des villes du Sahel', lang: 'fr', convener: 'Association des maires du Sahel', description: 'Les villes sahéliennes, leurs partenaires et leurs habitants.', topics: TOPICS.fr },
  { slug: 'dialogo-andino-ciudades-sostenibles', code: 'dacs', title: 'Diálogo Andino sobre Ciudades Sostenibles', lang: 'es', convener: 'Comunidad Andina', description: 'Alcaldes, ministerios y universidades de la región andina.', topics: TOPICS.es },
];

const WORDS = {
  en: {
    eventTitle: ['Strengthening cooperation on {t}', 'Building partnerships for {t}', 'From commitments to action on {t}', 'Financing {t}', 'Innovation and {t}', 'Regional approaches to {t}'],
    panel: ['Policy responses to {t}', 'Lessons learned on {t}', 'The role of local actors in {t}', 'Measuring progress on {t}', 'Partnerships with the private sector for {t}', 'Protecting rights in {t}', 'Financing and {t}'],
    opening: 'Opening session', keynote: 'Keynote address', closing: 'Closing session', coffee: 'Coffee break', lunch: 'Lunch break',
    day: (n: number) => `Day ${n}`, statement: 'Statement', chair: 'Chair', moderator: 'Moderator', rapporteur: 'Rapporteur', keynoteLabel: 'Keynote speaker',
  },
  fr: {
    eventTitle: ['Renforcer la coopération sur {t}', 'Des engagements à l’action pour {t}', 'Financer {t}', 'Approches régionales de {t}', 'Innovation et {t}', 'Partenariats pour {t}'],
    panel: ['Les réponses publiques à {t}', 'Leçons apprises sur {t}', 'Le rôle des acteurs locaux dans {t}', 'Mesurer les progrès sur {t}', 'Les droits des personnes et {t}', 'Financement et {t}'],
    opening: 'Séance d’ouverture', keynote: 'Discours liminaire', closing: 'Séance de clôture', coffee: 'Pause café', lunch: 'Déjeuner',
    day: (n: number) => `Jour ${n}`, statement: 'Déclaration', chair: 'Président de séance', moderator: 'Modératrice', rapporteur: 'Rapporteur', keynoteLabel: 'Orateur principal',
  },
  es: {
    eventTitle: ['Fortalecer la cooperación en {t}', 'De los compromisos a la acción en {t}', 'Financiar {t}', 'Enfoques regionales sobre {t}', 'Innovación y {t}', 'Alianzas para {t}'],
    panel: ['Respuestas de política ante {t}', 'Lecciones aprendidas sobre {t}', 'El papel de los actores locales en {t}', 'Medir los avances en {t}', 'Los derechos de las personas y {t}', 'Financiamiento y {t}'],
    opening: 'Sesión de apertura', keynote: 'Conferencia magistral', closing: 'Sesión de clausura', coffee: 'Pausa café', lunch: 'Almuerzo',
    day: (n: number) => `Día ${n}`, statement: 'Declaración', chair: 'Presidencia', moderator: 'Moderación', rapporteur: 'Relatoría', keynoteLabel: 'Conferencista',
  },
} as const;

/** French and Spanish contract a preposition with the article: "de les" is "des", "a el" is "al". */
const CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bde les /g, 'des '],
  [/\bde le /g, 'du '],
  [/\bà les /g, 'aux '],
  [/\bà le /g, 'au '],
  [/\bde el /g, 'del '],
  [/\ba el /g, 'al '],
];

const fill = (template: string, topic: string) => {
  let s = template.replace('{t}', topic);
  for (const [re, to] of CONTRACTIONS) s = s.replace(re, to);
  return s.charAt(0).toUpperCase() + s.slice(1);
};

// ---------------------------------------------------------------------------------------------
// Organizations of every kind. Government bodies are named in their country's language; the
// importer's kind guess (domain/organization.ts) reads these names as intended.

type OrgKind = 'member-state' | 'igo' | 'civil-society' | 'private-sector' | 'academia' | 'parliament' | 'local-authority' | 'other';
type OrgPlan = { name: string; kind: OrgKind; countryCode: string | null };

const IGOS = [
  'United Nations Development Programme', 'International Organization for Migration', 'United Nations High Commissioner for Refugees', 'World Bank Group',
  'African Union Commission', 'European Commission', 'OECD Development Centre', 'Economic Community of West African States', 'League of Arab States',
  'ASEAN Secretariat', 'Intergovernmental Authority on Development', 'UNICEF', 'UNESCO', 'United Nations Environment Programme',
  'United Nations Economic Commission for Africa', 'Intergovernmental Oceanographic Commission', 'International Labour Organization', 'World Health Organization',
];
const OTHERS = ['Comisión Económica para América Latina y el Caribe', 'Comunidad Andina', 'Global Water Partnership', 'Climate Policy Initiative', 'Instituto Igarapé', 'Московский государственный университет', '清华大学', 'جامعة القاهرة', 'Inter-Parliamentary Union'];
const PRIVATE = ['Andes Logistics Ltd', 'Sahel Solar Inc.', 'Mekong Fintech Company', 'Baltic Shipping Group S.A.', 'Atlas Telecom Corporation', 'Nile Agritech Ltd', 'Pacific Data LLC', 'International Chamber of Commerce', 'Banco del Sur'];

const MINISTRIES: Record<Language, readonly string[]> = {
  en: ['Ministry of Foreign Affairs', 'Ministry of the Interior', 'Ministry of Labour', 'Ministry of Environment', 'Ministry of Health'],
  fr: ['Ministère des Affaires étrangères', 'Ministère de l’Intérieur', 'Ministère du Travail', 'Ministère de l’Environnement', 'Ministère de la Santé'],
  es: ['Ministerio de Relaciones Exteriores', 'Ministerio del Interior', 'Ministerio de Trabajo', 'Ministerio de Ambiente', 'Ministerio de Salud'],
};
const FRENCH_COUNTRIES = new Set(['FR', 'BE', 'SN', 'CI', 'HT', 'CM', 'BF', 'MA', 'TN', 'DZ']);
const SPANISH_COUNTRIES = new Set(['ES', 'MX', 'AR', 'CO', 'CL', 'PE', 'EC', 'GT', 'BO', 'UY']);
const countryLang = (cc: string): Language => (FRENCH_COUNTRIES.has(cc) ? 'fr' : SPANISH_COUNTRIES.has(cc) ? 'es' : 'en');

function organizationsOf(cc: string, city: string | undefined): OrgPlan[] {
  const name = countryName(cc, 'en') ?? cc;
  const lang = countryLang(cc);
  const out: OrgPlan[] = MINISTRIES[lang].map((m) => ({ name: m, kind: 'member-state' as const, countryCode: cc }));
  out.push({ name: `Permanent Mission of ${name} to the United Nations Office at Geneva`, kind: 'member-state', countryCode: cc });
  out.push({ name: lang === 'fr' ? `National Assembly of ${name}` : `Parliament of ${name}`, kind: 'parliament', countryCode: cc });
  out.push({ name: `Refugee Council of ${name}`, kind: 'civil-society', countryCode: cc });
  out.push({ name: `${name} Red Cross Society`, kind: 'civil-society', countryCode: cc });
  out.push({ name: lang === 'es' ? `Universidad Nacional de ${city ?? name}` : lang === 'fr' ? `Université de ${city ?? name}` : `University of ${city ?? name}`, kind: 'academia', countryCode: cc });
  if (city) out.push({ name: `City of ${city}`, kind: 'local-authority', countryCode: cc });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Careers: a person's position moves up a ladder over the years.

const LADDERS: Record<OrgKind, Record<Language, readonly string[]>> = {
  'member-state': {
    en: ['Counsellor', 'Director', 'Director-General', 'Deputy Minister', 'Minister'],
    fr: ['Conseiller', 'Directeur', 'Directeur général', 'Ministre délégué', 'Ministre'],
    es: ['Consejero', 'Director', 'Director General', 'Viceministro', 'Ministro'],
  },
  igo: {
    en: ['Programme Officer', 'Senior Policy Adviser', 'Head of Division', 'Director', 'Deputy Director-General'],
    fr: ['Chargé de programme', 'Conseiller principal', 'Chef de division', 'Directeur', 'Directeur général adjoint'],
    es: ['Oficial de programa', 'Asesor principal', 'Jefe de división', 'Director', 'Director General Adjunto'],
  },
  'civil-society': { en: ['Programme Coordinator', 'Policy Director', 'Executive Director', 'President'], fr: ['Coordinateur de programme', 'Directeur des politiques', 'Directeur exécutif', 'Président'], es: ['Coordinador de programa', 'Director de políticas', 'Director Ejecutivo', 'Presidente'] },
  academia: { en: ['Research Fellow', 'Associate Professor', 'Professor', 'Dean'], fr: ['Chercheur', 'Maître de conférences', 'Professeur', 'Doyen'], es: ['Investigador', 'Profesor asociado', 'Profesor', 'Decano'] },
  'private-sector': { en: ['Head of Public Affairs', 'Vice President', 'Chief Executive Officer'], fr: ['Responsable des affaires publiques', 'Vice-président', 'Directeur général'], es: ['Jefe de Asuntos Públicos', 'Vicepresidente', 'Director Ejecutivo'] },
  parliament: { en: ['Member of Parliament', 'Chair of the Foreign Affairs Committee', 'Speaker of Parliament'], fr: ['Député', 'Président de la commission des affaires étrangères', 'Président de l’Assemblée'], es: ['Diputado', 'Presidente de la Comisión de Relaciones Exteriores', 'Presidente del Congreso'] },
  'local-authority': { en: ['City Councillor', 'Deputy Mayor', 'Mayor'], fr: ['Conseiller municipal', 'Maire adjoint', 'Maire'], es: ['Concejal', 'Teniente de alcalde', 'Alcalde'] },
  other: { en: ['Senior Fellow', 'Director', 'President'], fr: ['Chercheur principal', 'Directeur', 'Président'], es: ['Investigador principal', 'Director', 'Presidente'] },
};

/** Feminine forms where French and Spanish positions agree with the person. */
function feminine(position: string, lang: Language): string {
  if (lang === 'fr') {
    return position
      .replace(/^Conseiller/, 'Conseillère').replace(/^Directeur général adjoint/, 'Directrice générale adjointe').replace(/^Directeur général/, 'Directrice générale')
      .replace(/^Directeur/, 'Directrice').replace(/^Chargé/, 'Chargée').replace(/^Chercheur/, 'Chercheuse').replace(/^Président/, 'Présidente').replace(/^Député/, 'Députée')
      .replace(/^Doyen/, 'Doyenne').replace(/^Ministre délégué/, 'Ministre déléguée').replace(/^Professeur/, 'Professeure').replace(/^Coordinateur/, 'Coordinatrice').replace(/^Maire adjoint/, 'Maire adjointe');
  }
  if (lang === 'es') {
    return position
      .replace(/^Consejero/, 'Consejera').replace(/^Director General Adjunto/, 'Directora General Adjunta').replace(/^Director/, 'Directora').replace(/^Viceministro/, 'Viceministra')
      .replace(/^Ministro/, 'Ministra').replace(/^Asesor/, 'Asesora').replace(/^Jefe/, 'Jefa').replace(/^Investigador/, 'Investigadora').replace(/^Profesor/, 'Profesora')
      .replace(/^Decano/, 'Decana').replace(/^Coordinador/, 'Coordinadora').replace(/^Presidente/, 'Presidenta').replace(/^Diputado/, 'Diputada').replace(/^Alcalde/, 'Alcaldesa')
      .replace(/^Vicepresidente/, 'Vicepresidenta').replace(/^Concejal$/, 'Concejala');
  }
  return position;
}

// ---------------------------------------------------------------------------------------------
// The plan.

type PersonPlan = { name: string; gender: Gender; countryCode: string; org: number; ladderStart: number; step: number; doctor: boolean };

export type ArchivePlan = {
  seed: number;
  series: SeriesPlan[];
  organizations: OrgPlan[];
  persons: PersonPlan[];
  events: Array<{ series: SeriesPlan; target: EventTarget; agenda: Agenda; year: number }>;
};

export const FIRST_YEAR = 2006;
export const LAST_YEAR = 2025;

function personName(region: NameRegion, gender: Gender, r: Rng, extra: number): string {
  const givens = region[gender];
  let given = r.pick(givens);
  const familyOf = () => {
    const f = r.pick(region.family);
    return typeof f === 'string' ? f : f[gender === 'm' ? 0 : 1];
  };
  let family = familyOf();
  // More names once the simple ones run out: a second given name, then a second family name.
  if (extra >= 1) given = `${given} ${r.pick(givens)}`;
  if (extra >= 2) family = `${family} ${familyOf()}`;
  if (extra >= 3) given = `${given} ${r.pick(givens)}`;
  if (region.order === 'family-first-tight') return `${family}${given.replace(/ /g, '')}`;
  if (region.order === 'family-first') return `${family} ${given}`;
  return `${given} ${family}`;
}

/** The archive as data: no database, the same for the same seed and count. */
export function planArchive(events: number, seed = 1): ArchivePlan {
  if (!Number.isInteger(events) || events < 1) throw new Error('the number of events must be a whole number from 1');
  const r = rng(seed * 2654435761 + 97);

  // Organizations: the intergovernmental ones, then each country's, then the rest.
  const organizations: OrgPlan[] = IGOS.map((name) => ({ name, kind: 'igo' as const, countryCode: null }));
  const regionOfCountry = new Map<string, NameRegion>();
  for (const region of REGIONS) for (const cc of region.countries) regionOfCountry.set(cc, region);
  const countries = [...regionOfCountry.keys()];
  const byCountry = new Map<string, number[]>();
  for (const cc of countries) {
    const city = CITIES.find((c) => c[1] === cc)?.[0];
    const ids: number[] = [];
    for (const o of organizationsOf(cc, city)) {
      ids.push(organizations.length);
      organizations.push(o);
    }
    byCountry.set(cc, ids);
  }
  const privateIds = PRIVATE.map((name) => organizations.push({ name, kind: 'private-sector', countryCode: null }) - 1);
  const otherIds = OTHERS.map((name) => organizations.push({ name, kind: name === 'Inter-Parliamentary Union' ? 'parliament' : 'other', countryCode: null }) - 1);
  const igoIds = IGOS.map((_, i) => i);

  // Persons: about six new faces per event, each named once (the import's key tells them apart).
  const personCount = Math.max(24, events * 6);
  const persons: PersonPlan[] = [];
  const keys = new Set<string>();
  for (let i = 0; i < personCount; i++) {
    const region = r.pick(REGIONS);
    const countryCode = r.pick(region.countries);
    const gender: Gender = r.chance(0.5) ? 'f' : 'm';
    let name = '';
    for (let attempt = 0; ; attempt++) {
      name = personName(region, gender, r, Math.floor(attempt / 4));
      const key = normaliseName(name);
      if (key && !keys.has(key)) {
        keys.add(key);
        break;
      }
    }
    const roll = r.next();
    const org =
      roll < 0.45 ? r.pick(byCountry.get(countryCode)!) : roll < 0.7 ? r.pick(igoIds) : roll < 0.82 ? r.pick(privateIds) : roll < 0.9 ? r.pick(otherIds) : r.pick(byCountry.get(r.pick(countries))!);
    persons.push({ name, gender, countryCode, org, ladderStart: r.int(FIRST_YEAR - 8, LAST_YEAR - 2), step: r.int(3, 6), doctor: r.chance(0.2) });
  }

  const series = SERIES.map((s) => ({ ...s }));
  const usedSlugs = new Set<string>();
  const out: ArchivePlan['events'] = [];
  const span = LAST_YEAR - FIRST_YEAR + 1;
  for (let i = 0; i < events; i++) {
    const year = FIRST_YEAR + Math.floor((i * span) / events);
    const s = series[i % series.length]!;
    const [city, cc, zone] = r.pick(CITIES);
    let slug = `${s.code}-${year}-${slugify(city)}`;
    for (let n = 2; usedSlugs.has(slug); n++) slug = `${s.code}-${year}-${slugify(city)}-${n}`;
    usedSlugs.add(slug);
    const month = r.int(1, 12);
    const dayOfMonth = r.int(1, 25);
    const startDate = `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
    const topic = r.pick(s.topics);
    const w = WORDS[s.lang];
    const title = `${s.title} ${year}: ${fill(r.pick(w.eventTitle), topic)}`;
    const agenda = eventAgenda(r, s.lang, startDate, r.int(1, 3), persons, organizations, year);
    out.push({
      series: s,
      year,
      agenda,
      target: {
        series: { slug: s.slug, title: s.title, description: s.description, convener: s.convener },
        event: {
          slug,
          title,
          lang: s.lang,
          timeZone: zone,
          venue: r.pick(VENUES),
          city,
          countryCode: cc,
          themes: [topic, r.pick(s.topics)].filter((x, k, a) => a.indexOf(x) === k),
          status: 'published',
        },
      },
    });
  }
  return { seed, series, organizations, persons, events: out };
}

function addDaysIso(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** One event's programme: days with opening, keynote, panels, breaks and closing. */
function eventAgenda(r: Rng, lang: Language, startDate: string, dayCount: number, persons: PersonPlan[], orgs: OrgPlan[], year: number): Agenda {
  const w = WORDS[lang];
  const topics = TOPICS[lang];
  const inEvent = new Map<number, number>();
  // Often the same few people: a heavy-tailed pick, so a minister speaks at many events over the years.
  // At most twice in one event; a small archive's few people may not fill a long programme so, and
  // then (after 1,000 draws without a free person) a third appearance is allowed, and so on.
  const pickPerson = (taken: Set<number>): number => {
    for (let draws = 0; ; draws++) {
      const u = r.next();
      const idx = r.chance(0.35) ? Math.floor(persons.length * u * u * u) : Math.floor(persons.length * u);
      if (!taken.has(idx) && (inEvent.get(idx) ?? 0) < 2 + Math.floor(draws / 1000)) {
        taken.add(idx);
        inEvent.set(idx, (inEvent.get(idx) ?? 0) + 1);
        return idx;
      }
    }
  };
  let panel = 0;
  const person = (idx: number, role: 'moderator' | 'speaker', kind: AgendaSession['kind']): AgendaPerson => {
    const p = persons[idx]!;
    const org = orgs[p.org]!;
    const ladder = LADDERS[org.kind][lang];
    const rank = Math.max(0, Math.min(ladder.length - 1, Math.floor((year - p.ladderStart) / p.step)));
    let position = ladder[rank]!;
    if (p.gender === 'f') position = feminine(position, lang);
    const senior = org.kind === 'member-state' && rank >= ladder.length - 2;
    const honorific = senior
      ? lang === 'fr' ? 'S.E.' : lang === 'es' ? (p.gender === 'f' ? 'Excma.' : 'Excmo.') : 'H.E.'
      : p.doctor ? (org.kind === 'academia' ? (lang === 'es' ? (p.gender === 'f' ? 'Profesora' : 'Profesor') : 'Prof.') : lang === 'es' && p.gender === 'f' ? 'Dra.' : 'Dr.')
      : lang === 'fr' ? (p.gender === 'f' ? 'Mme' : 'M.') : lang === 'es' ? (p.gender === 'f' ? 'Sra.' : 'Sr.') : p.gender === 'f' ? 'Ms.' : 'Mr.';
    const country = countryName(p.countryCode, lang) ?? null;
    const statement = role === 'speaker' && kind !== 'break' && r.chance(0.55);
    return {
      name: p.name,
      honorific,
      position,
      organization: org.name,
      country,
      countryCode: p.countryCode,
      materials: statement ? [{ kind: 'statement', label: w.statement }] : [],
      roleLabel: role === 'moderator' ? r.pick([null, w.chair, w.moderator]) : kind === 'keynote' ? w.keynoteLabel : r.chance(0.05) ? w.rapporteur : null,
      talkTitle: role === 'speaker' && kind === 'panel' && r.chance(0.2) ? fill(r.pick(w.panel), r.pick(topics)) : null,
    };
  };
  const session = (kind: AgendaSession['kind'], start: string, end: string, title: string, moderators: number, speakers: number): AgendaSession => {
    const taken = new Set<number>();
    const number = kind === 'panel' ? ++panel : null;
    return {
      start,
      end,
      kind,
      number,
      title,
      moderators: Array.from({ length: moderators }, () => person(pickPerson(taken), 'moderator', kind)),
      speakers: Array.from({ length: speakers }, () => person(pickPerson(taken), 'speaker', kind)),
    };
  };
  const days: Agenda['days'] = [];
  for (let d = 0; d < dayCount; d++) {
    const sessions: AgendaSession[] = [];
    const last = d === dayCount - 1;
    if (d === 0) {
      sessions.push(session('opening', '09:00', '09:45', w.opening, 1, r.int(2, 3)));
      if (r.chance(0.6)) sessions.push(session('keynote', '09:45', '10:15', w.keynote, 0, 1));
    } else {
      sessions.push(session('panel', '09:00', '10:15', fill(r.pick(w.panel), r.pick(topics)), 1, r.int(3, 4)));
    }
    sessions.push(session('break', '10:15', '10:45', w.coffee, 0, 0));
    sessions.push(session('panel', '10:45', '12:30', fill(r.pick(w.panel), r.pick(topics)), 1, r.int(3, 5)));
    sessions.push(session('break', '12:30', '14:00', w.lunch, 0, 0));
    sessions.push(session('panel', '14:00', '15:30', fill(r.pick(w.panel), r.pick(topics)), 1, r.int(3, 5)));
    if (last) {
      sessions.push(session('break', '15:30', '16:00', w.coffee, 0, 0));
      sessions.push(session('closing', '16:00', '17:00', w.closing, 1, r.int(1, 3)));
    } else {
      sessions.push(session('break', '15:30', '16:00', w.coffee, 0, 0));
      sessions.push(session('panel', '16:00', '17:30', fill(r.pick(w.panel), r.pick(topics)), 1, r.int(3, 4)));
    }
    days.push({ date: addDaysIso(startDate, d), label: w.day(d + 1), sessions });
  }
  return { title: null, days, warnings: [] };
}

// ---------------------------------------------------------------------------------------------
// Statements' texts: synthetic prose from word lists, 300–1,500 words, in the event's language.

const PROSE = {
  en: {
    open: ['Excellencies, ladies and gentlemen,', 'Distinguished delegates, dear colleagues,', 'Madam Chair, excellencies, friends,'],
    subject: ['My government', 'Our delegation', 'The region', 'The city council', 'Civil society', 'The international community', 'The youth council', 'Each partner', 'The national statistics office', 'The women’s movement'],
    verb: ['remains committed to', 'has invested in', 'continues to call for', 'welcomes progress on', 'recognises the urgency of', 'is ready to support', 'has learned much from', 'stands behind'],
    object: ['a coordinated response', 'predictable financing', 'better data', 'the protection of rights', 'regional cooperation', 'durable solutions', 'inclusive policies', 'shared early warning systems', 'the commitments made last year', 'stronger institutions'],
    tail: ['in the years to come', 'across borders', 'at every level of government', 'with full respect for human rights', 'before the next session', 'in close partnership with communities', 'despite limited resources', 'as a matter of priority'],
    link: ['Moreover,', 'At the same time,', 'For this reason,', 'In this spirit,', 'Finally,', 'Above all,'],
    close: ['I thank you for your attention.', 'Thank you, Madam Chair.', 'We look forward to a fruitful dialogue.'],
  },
  fr: {
    open: ['Excellences, Mesdames et Messieurs,', 'Mesdames et Messieurs les délégués, chers collègues,', 'Madame la Présidente, Excellences, chers amis,'],
    subject: ['Mon gouvernement', 'Notre délégation', 'La région', 'Le conseil municipal', 'La société civile', 'La communauté internationale', 'Le conseil de la jeunesse', 'Chaque partenaire', 'L’institut national de la statistique', 'Le mouvement des femmes'],
    verb: ['défend', 'encourage', 'soutient pleinement', 'appelle de ses vœux', 'salue', 'place au premier plan', 'promeut', 'veut financer'],
    object: ['une réponse coordonnée', 'un financement prévisible', 'de meilleures données', 'la protection des droits', 'la coopération régionale', 'des solutions durables', 'des politiques inclusives', 'des systèmes d’alerte précoce communs', 'les engagements pris l’an dernier', 'des institutions plus solides'],
    tail: ['dans les années à venir', 'au-delà des frontières', 'à tous les niveaux de gouvernement', 'dans le plein respect des droits humains', 'avant la prochaine session', 'en étroit partenariat avec les communautés', 'malgré des ressources limitées', 'en priorité'],
    link: ['De plus,', 'En même temps,', 'C’est pourquoi', 'Dans cet esprit,', 'Enfin,', 'Surtout,'],
    close: ['Je vous remercie de votre attention.', 'Merci, Madame la Présidente.', 'Nous nous réjouissons d’un dialogue fructueux.'],
  },
  es: {
    open: ['Excelencias, señoras y señores,', 'Distinguidos delegados, estimados colegas,', 'Señora Presidenta, excelencias, amigos,'],
    subject: ['Mi gobierno', 'Nuestra delegación', 'La región', 'El concejo municipal', 'La sociedad civil', 'La comunidad internacional', 'El consejo de la juventud', 'Cada socio', 'El instituto nacional de estadística', 'El movimiento de mujeres'],
    verb: ['defiende', 'impulsa', 'respalda plenamente', 'promueve', 'celebra', 'financia', 'prioriza', 'reclama'],
    object: ['una respuesta coordinada', 'un financiamiento previsible', 'mejores datos', 'la protección de los derechos', 'la cooperación regional', 'soluciones duraderas', 'políticas inclusivas', 'sistemas de alerta temprana compartidos', 'los compromisos asumidos el año pasado', 'instituciones más sólidas'],
    tail: ['en los próximos años', 'más allá de las fronteras', 'en todos los niveles de gobierno', 'con pleno respeto de los derechos humanos', 'antes de la próxima sesión', 'en estrecha colaboración con las comunidades', 'a pesar de los recursos limitados', 'como prioridad'],
    link: ['Además,', 'Al mismo tiempo,', 'Por esta razón,', 'En este espíritu,', 'Por último,', 'Sobre todo,'],
    close: ['Muchas gracias por su atención.', 'Gracias, señora Presidenta.', 'Esperamos un diálogo fructífero.'],
  },
} as const;

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/**
 * A statement's text: paragraphs of plausible diplomatic prose, its length (300–1,500 words)
 * and wording fixed by the seed and the statement's key (e.g. "event-slug/3/2"). Pure.
 */
export function statementText(seed: number, key: string, lang: Language): string {
  const r = rng(`${seed}:${key}`);
  const p = PROSE[lang];
  const target = r.int(300, 1500);
  const paragraphs: string[] = [r.pick(p.open)];
  let words = wordCount(paragraphs[0]!);
  const closing = r.pick(p.close);
  const reserve = wordCount(closing);
  while (words + reserve < target) {
    const sentences: string[] = [];
    const n = r.int(3, 6);
    for (let i = 0; i < n && words + reserve < target; i++) {
      let s = `${r.pick(p.subject)} ${r.pick(p.verb)} ${r.pick(p.object)} ${r.pick(p.tail)}.`;
      if (i > 0 && r.chance(0.3)) s = `${r.pick(p.link)} ${s.charAt(0).toLowerCase()}${s.slice(1)}`;
      const left = target - reserve - words;
      const sw = s.split(' ');
      if (sw.length > left) s = `${sw.slice(0, left).join(' ').replace(/[,.]$/, '')}.`;
      sentences.push(s);
      words += wordCount(s);
    }
    paragraphs.push(sentences.join(' '));
  }
  paragraphs.push(closing);
  return paragraphs.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// Storing it.

export type ArchiveTotals = {
  events: number;
  series: number;
  days: number;
  sessions: number;
  appearances: number;
  statements: number;
  /** distinct persons and organizations the archive names (persons by the import's name key) */
  persons: number;
  organizations: number;
  /** what the imports stored anew (fewer when the database already held some of them) */
  personsCreated: number;
  organizationsCreated: number;
  releases: number;
};

export type Progress = (done: number, total: number) => void;

/** Counts of the plan alone (what a fresh database will hold). */
export function planTotals(plan: ArchivePlan): Omit<ArchiveTotals, 'personsCreated' | 'organizationsCreated' | 'releases'> {
  const persons = new Set<string>();
  const orgs = new Set<string>();
  let days = 0;
  let sessions = 0;
  let appearances = 0;
  let statements = 0;
  for (const e of plan.events) {
    if (e.target.series.convener) orgs.add(organizationIdentity(e.target.series.convener, null).key);
    for (const d of e.agenda.days) {
      days++;
      for (const s of d.sessions) {
        sessions++;
        for (const p of [...s.moderators, ...s.speakers]) {
          appearances++;
          persons.add(normaliseName(p.name));
          if (p.organization) orgs.add(organizationIdentity(p.organization, p.countryCode).key);
          statements += p.materials.filter((m) => m.kind === 'statement').length;
        }
      }
    }
  }
  return { events: plan.events.length, series: new Set(plan.events.map((e) => e.series.slug)).size, days, sessions, appearances, statements, persons: persons.size, organizations: orgs.size };
}

/**
 * Stores the plan event by event through importAgenda, each published as its release in the
 * same write. Persons and organizations are found or made by the import's own identity rules.
 */
export async function storeArchive(storage: Storage, plan: ArchivePlan, progress?: Progress): Promise<ArchiveTotals> {
  const totals: ArchiveTotals = { ...planTotals(plan), personsCreated: 0, organizationsCreated: 0, releases: 0 };
  for (const [i, e] of plan.events.entries()) {
    // As an editor would: the agenda imported, the statements' files stored beside it, then published.
    const report = await importAgenda(storage, e.agenda, e.target, { publish: false, note: 'demo archive' });
    totals.personsCreated += report.persons.created;
    totals.organizationsCreated += report.organizations.created;
    const eventId = await attachStatementFiles(storage, plan.seed, e.target.event.slug);
    const release = await publishEvent(storage, eventId, { note: 'demo archive' });
    if (release.changed) totals.releases++;
    progress?.(i + 1, plan.events.length);
  }
  await recordGenders(storage, plan);
  // A bulk load leaves PostgreSQL without statistics on the tables it filled until autovacuum
  // analyzes them (never, where it is off): its plans then guess, e.g. a person's page ran 61 ms
  // instead of 8 on 1,000 events. SQLite keeps no statistics unless asked, and is not asked.
  if (storage.engine === 'postgres') {
    for (const table of ANALYZED) await sql`ANALYZE ${sql.table(table)}`.execute(storage.db);
  }
  return totals;
}

/**
 * The invented persons' genders, as organizers would have recorded them (issue 14): most as the
 * plan made them (the honorifics and feminine positions follow it), a quarter never recorded
 * (not known), a few who declined to say, one in a hundred in their own term. Deterministic: from
 * the seed and the name. An import never sets a gender; this is the demo's own doing.
 */
export function plannedGender(seed: number, p: { name: string; gender: 'f' | 'm' }): { gender: string; gender_term: string | null } {
  const n = Number.parseInt(createHash('sha256').update(`plenary-demo-gender:${seed}:${p.name}`).digest('hex').slice(0, 8), 16) % 100;
  if (n < 72) return { gender: p.gender === 'f' ? 'female' : 'male', gender_term: null };
  if (n < 96) return { gender: 'not-known', gender_term: null };
  if (n < 99) return { gender: 'declined', gender_term: null };
  return { gender: 'another', gender_term: 'non-binary' };
}

async function recordGenders(storage: Storage, plan: ArchivePlan): Promise<void> {
  // Declares nothing: pages of any event may show these persons, so every cached page goes (a bulk load).
  await write(storage, async (trx) => {
    for (const p of plan.persons) {
      const g = plannedGender(plan.seed, p);
      if (g.gender === 'not-known') continue;
      await trx.updateTable('person').set(g).where('name', '=', p.name).where('gender', '=', 'not-known').execute();
    }
  });
}

/** A UUID-shaped id (version 4's bits) from a hash: the same seed and key give the same file id. */
function uuidOf(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((Number.parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Each statement of an event's working copy that has no file yet gets one: its text
 * (statementText, from the seed and its place in the programme) stored as a UTF-8 plain-text file,
 * with that text already read for search (search_file_text, as the worker leaves an uploaded
 * PDF's), so that the archive is searched by what was said exactly as uploaded statements are;
 * after a restore the worker reads them again like any file. Returns the event's id.
 */
async function attachStatementFiles(storage: Storage, seed: number, slug: string): Promise<number> {
  return await write(storage, async (trx) => {
    const e = await trx.selectFrom('event').select(['id', 'lang']).where('slug', '=', slug).executeTakeFirstOrThrow();
    const rows = await trx
      .selectFrom('material as m')
      .innerJoin('appearance as a', 'a.id', 'm.appearance_id')
      .innerJoin('session as s', 's.id', 'a.session_id')
      .innerJoin('day as d', 'd.id', 's.day_id')
      .select(['m.id', 'm.lang', 'd.position as dp', 's.position as sp', 'a.position as ap', 'm.position as mp'])
      .where('m.event_id', '=', e.id)
      .where('m.kind', '=', 'statement')
      .where('m.file_id', 'is', null)
      .execute();
    const at = new Date().toISOString();
    // The event's files and their texts in multi-row statements (a bulk load), then each material linked.
    const made = rows.map((m) => {
      const key = `${slug}/${m.dp}/${m.sp}/${m.ap}/${m.mp}`;
      const lang = (m.lang === 'fr' || m.lang === 'es' ? m.lang : 'en') as Language;
      const text = statementText(seed, key, lang);
      const bytes = new TextEncoder().encode(text);
      const id = uuidOf(`plenary-demo:${seed}:${key}`);
      return { material: m.id, text, bytes, file: { id, sha256: sha256(bytes), mediaType: PLAIN_TEXT, originalName: `${slug}-statement-${m.dp}-${m.sp}-${m.ap}.txt`, createdAt: at } };
    });
    await insertFiles(trx, made);
    await storeFileTexts(trx, made.map((x) => ({ fileId: x.file.id, text: x.text })), at);
    for (const x of made) {
      await trx.updateTable('material').set({ file_id: x.file.id }).where('id', '=', x.material).execute();
      await declareChange(trx, 'material', x.material);
    }
    return e.id;
  });
}

/** The tables an archive fills, analyzed after it on PostgreSQL. */
const ANALYZED = ['series', 'event', 'day', 'session', 'appearance', 'material', 'person', 'organization', 'person_alias', 'organization_alias', 'pub_event', 'pub_day', 'pub_session', 'pub_appearance', 'pub_material', 'release', 'audit_entry', 'public_person_count', 'public_organization_count', 'public_country_count'];
