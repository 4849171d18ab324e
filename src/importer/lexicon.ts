// The word lists the line classifier and the person segmenter read pages against: jobs, institutions,
// venues and given names, in English, French and Spanish. A word's presence is one feature among several;
// no list decides a line alone.

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
  periodista journaliste présentateur présentatrice`.split(/\s+/),
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
  cabinet presidency présidence senate sénat police army cross crescent city ville ciudad municipality municipalité
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

/** Common given names across the regions agenda pages come from: one feature of a name, never required. */
export const GIVEN_NAMES: ReadonlySet<string> = new Set(
  `john james robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark
  paul steven andrew kenneth joshua kevin brian george timothy ronald edward jason jeffrey ryan jacob gary
  nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick
  raymond jack dennis jerry tyler aaron henry peter victor tom bernard dean martin jean pierre jacques michel
  françois philippe louis alain christophe nicolas olivier antoine hervé serge luc marc yves laurent
  mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa margaret betty sandra
  ashley dorothy kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca laura sharon
  cynthia kathleen amy shirley angela helen anna brenda pamela nicole ruth katherine samantha christine
  emma catherine maria marie sophie françoise isabelle nathalie anne claire hélène juan josé carlos luis
  jorge pedro miguel antonio manuel francisco javier alejandro andrés rodrigo julio tomás camila lucía
  sofía mariana beatriz carmen ana isabel rosa teresa mohamed mohammed muhammad ahmed ahmad ali omar
  hassan hussein ibrahim abdullah abdoulaye mamadou moussa ousmane amadou fatima aisha amina awa mariam
  kwame kofi yaw akua abena chinedu ngozi wei li zhang wang chen liu
  yang huang zhao ming hui mei ling hiroshi kenji yuki akiko raj priya anjali sunil rahul ravi vikram
  arjun sanjay deepak ivan sergei olga natalya anna dmitri vladimir elena irina svetlana nikolai yusuf
  mehmet ayşe fatma emre kemal giovanni marco luca francesco alessandra giulia hans klaus stefan jürgen
  lars erik nils ingrid hanna
  raúl raul ricardo roberto fernando gustavo eduardo enrique sergio héctor hector óscar oscar rubén ruben diego
  gabriel gabriela daniela valeria natalia claudia silvia mónica monica verónica veronica lorena paula
  martín pablo ignacio joaquín agustín nicolás facundo santiago sebastián matías gonzalo marcelo mauricio
  alberto alfredo álvaro arturo césar ernesto felipe guillermo hugo jaime leonardo lorenzo mario orlando ramiro
  rafael ramón salvador simón vicente adriana alicia andrea cecilia cristina diana estela eva florencia
  gloria graciela inés irene josefina julia liliana lourdes luisa marta mercedes mirta noemí norma pilar raquel
  rocío susana victoria ximena yolanda marisol paola carolina alejandra fernanda guadalupe
  joão rui tiago vítor joana rita
  benoît guillaume julien mathieu thierry vincent yannick didier gilles dominique emmanuel éric frédéric
  gérard jérôme patrice pascal rémi sébastien xavier agnès aurélie béatrice brigitte cécile chantal corinne
  delphine élise émilie florence geneviève juliette justine léa lucie mathilde monique nadine pauline
  sandrine solène sylvie valérie véronique virginie martine
  ibrahima cheikh modou babacar boubacar aliou souleymane idrissa issa adama seydou bakary sekou lamine
  aminata fatou fatoumata kadiatou khadija rokia salimata ramatou oumar karim rachid youssef samir nabil
  tarek walid khaled mustafa mahmoud hamid rami nadia leila layla samira rania hoda salma yasmin zainab
  grace joyce faith esther mercy chukwuma olumide oluwaseun adebayo tunde wanjiru
  kamau otieno achieng musa juma neema baraka
  hamidah aishah siti nurul farid aziz hafiz rahman jie takashi haruto
  yuto sakura aiko anil amit rajesh suresh meera lakshmi pooja kavita minh dewi putri budi
  agus siddharth tomasz piotr krzysztof katarzyna agnieszka jan pieter willem sanne anders henrik lena
  ole karin astrid helga sabine monika ursula wolfgang andreas markus tobias
  fabienne fabien fabrice josette jacqueline colette danielle odile josiane mireille nadège ginette huguette gisèle
  lydia yvette yvonne solange sylvain gilbert rodolphe régis albert franck cédric jérémie joël lionel loïc ludovic
  maxime mickaël thibault bastien romain florian clément quentin arnaud bruno christian denis gaël grégoire hubert
  roland théo théodore timothée gaston léon marcel maurice robert roger rené andré henri jules émile lucien
  georges edouard édouard félix fernand armand aimé josé-maría marie-claire marie-christine marie-france
  jimmy jim bob bill mike tim steve kate jane jenny sue liz ben sam joe tony nick alex chris matt dan rob greg
  adaeze chiamaka chidi emeka ifeoma kwabena kwaku kojo ama efua thandiwe naledi nomsa sipho thandeka lerato
  zanele bongani mandla themba tendai tatenda farai wanjiku njeri kipchoge hamadi nkiruka amani zawadi halima
  aigerim nurlan gulnara bakyt harpreet gurpreet manpreet
  hélène sabrina nadia jessica stéphanie laetitia karine céline aurore camille manon chloé margaux
  carla lucas gabriela rodolfo patricio cristián alexis paulina`.split(/\s+/),
);

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
  return JOB_WORDS.has(k) || JOB_MODIFIERS.has(k);
}

export function isOrgWord(w: string): boolean {
  return ORG_WORDS.has(clean(w));
}

export function isVenueWord(w: string): boolean {
  return VENUE_WORDS.has(clean(w));
}

export function isGivenName(w: string): boolean {
  return GIVEN_NAMES.has(clean(w));
}
