"""The knowledge node's starting content, written for Lotsen in its own words.

Each resource cites the public document it builds on. The slug is the natural
key: loading again updates the resource with that slug and creates nothing
twice. `manage.py load_starting_content` loads it into a live service;
`seed_demo` loads it into the demo world (decision 0072).
"""

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from lotsen.organisations.models import Organisation

from .models import Resource

STOCKHOLM = ZoneInfo("Europe/Stockholm")
STUDY = (
    "Förstudien Plattform för sociala företag och arbetsintegrering, "
    "Samordningsförbundet Södra Norrbotten och Coompanion Norrbotten, 2021"
)
ASSOCIATION = "Samordningsförbundet Södra Norrbotten"
COOMPANION = "Coompanion Norrbotten"


@dataclass(frozen=True)
class Entry:
    slug: str
    kind: str
    title: str
    summary: str
    body: str
    source: str
    published: str
    audience: str = Resource.Audience.EVERYONE
    areas: tuple[str, ...] = ()
    author: str = ASSOCIATION
    url: str = ""
    source_url: str = ""
    related: tuple[str, ...] = field(default=())


K = Resource.Kind
A = Resource.Audience

ENTRIES: list[Entry] = [
    Entry(
        slug="vad-ar-ett-arbetsintegrerande-socialt-foretag",
        kind=K.GUIDE,
        title="Vad är ett arbetsintegrerande socialt företag?",
        summary=(
            "Ett ASF gör affärer för att ge människor långt från arbetsmarknaden en väg in i "
            "arbete. Tillväxtverket beskriver företagen med fyra kännetecken."
        ),
        areas=("asf-school", "advice"),
        source=(
            "Tillväxtverket, information om arbetsintegrerande sociala företag; "
            + STUDY
            + ", avsnitt 3"
        ),
        source_url="https://tillvaxtverket.se/amnesomraden/affarsutveckling/socialt-foretagande.html",
        published="2026-01-12 09:00",
        related=(
            "sa-fungerar-reserverad-upphandling",
            "skoopi-och-certifiering",
            "associationsformer-for-sociala-foretag",
        ),
        body="""
Ett arbetsintegrerande socialt företag (ASF) är ett företag där själva affärsidén är att
ge arbete, arbetsträning och utveckling till personer som annars har svårt att få eller
behålla ett jobb. Företaget säljer varor och tjänster som vilket företag som helst –
städning, kafé, snickeri, återbruk – men det som räknas som framgång är lika mycket
att människor växer och kommer vidare.

## Tillväxtverkets fyra kännetecken

Tillväxtverket beskriver ett ASF som ett företag som

1. **driver näringsverksamhet**, alltså producerar och säljer varor eller tjänster,
2. **har som övergripande syfte att integrera människor** som har stora svårigheter att
   få eller behålla ett arbete, i arbetsliv och samhälle,
3. **skapar delaktighet för medarbetarna** genom ägande, avtal eller på annat väl
   dokumenterat sätt, och
4. **i huvudsak återinvesterar sina vinster** i den egna eller i liknande verksamheter.

## Ingen egen associationsform

Det finns ingen särskild lag för sociala företag i Sverige. Ett ASF kan vara en
ekonomisk förening, en ideell förening, ett aktiebolag eller en stiftelse. Många i
Norrbotten är kooperativ som ägs och drivs av de anställda, och enligt förstudien
arbetar uppemot 50 personer i länets ASF.
""",
    ),
    Entry(
        slug="regeringens-strategi-for-sociala-foretag",
        kind=K.GUIDE,
        title="Regeringens strategi för sociala företag – fem insatsområden",
        summary=(
            "Sveriges första strategi för sociala företag kom 2018. Den pekar ut fem områden "
            "där stat, regioner och kommuner ska stärka företagens villkor."
        ),
        audience=A.PUBLIC_SECTOR,
        areas=("coordination", "training"),
        source=(
            "Regeringskansliet, Strategi för sociala företag – ett hållbart samhälle genom "
            "socialt företagande och social innovation (N2018.13), 2018; " + STUDY + ", avsnitt 5"
        ),
        published="2026-01-19 09:00",
        related=(
            "eus-fyra-pelare-for-sociala-foretags-ekosystem",
            "ideburet-offentligt-partnerskap",
        ),
        body="""
År 2018 antog regeringen Sveriges första strategi för sociala företag. Skälet är att
samhällsutmaningar som ohälsa, integration, klimat och vägar till jobb kräver nya
lösningar, och att sociala företag kan bidra med dem. Strategin har fem insatsområden.

## 1. Behov och efterfrågan
Fler sociala företag ska kunna starta och växa. Kommuner, regioner och staten behöver
kunskap om företagen för att kunna samverka med dem och köpa av dem – genom
upphandling, idéburet offentligt partnerskap och andra former.

## 2. Företags- och rådgivningskompetens
Sociala företag ska få samma slags stöd som andra företag, och särskilda inkubatorer
behövs. Kunskap om affärsmodeller, finansiering och effektmätning ska spridas.

## 3. Finansiering
Företagen verkar mellan offentlig, privat och ideell sektor och har svårare att få
finansiering. Nya finansieringsformer behöver utvecklas.

## 4. Tydliggör och mät effekterna
Ett socialt företags resultat är samhällsnytta, inte bara ekonomiskt utfall. Aktörerna
behöver bli bättre på att mäta och förstå den nyttan.

## 5. Kunskap och mötesplatser
Goda exempel sprids för dåligt och mötesplatser saknas. Företag och offentliga aktörer
ska kunna lära av varandra, även över landsgränser.

Lotsens kunskapsnod, kalender och nätverk är regionens svar på det femte området.
""",
    ),
    Entry(
        slug="eus-fyra-pelare-for-sociala-foretags-ekosystem",
        kind=K.REPORT,
        title="EU:s fyra pelare för sociala företags ekosystem",
        summary=(
            "Europeiska kommissionens kartläggning beskriver vad som får sociala företag att "
            "växa i ett land: självorganisering, erkännande, resurser och forskning."
        ),
        audience=A.PUBLIC_SECTOR,
        areas=("coordination", "actor-networks"),
        source=(
            "Europeiska kommissionen, Social enterprises and their ecosystems in Europe. "
            "Comparative synthesis report, 2020; " + STUDY + ", avsnitt 6–7"
        ),
        published="2026-02-02 09:00",
        related=("regeringens-strategi-for-sociala-foretag", "skottland-en-tioarig-strategi"),
        body="""
På uppdrag av Europeiska kommissionen har forskare kartlagt sociala företag och deras
omgivning i Europas länder. Rapporten beskriver ekosystemet kring företagen med fyra
pelare – förutsättningar som behöver finnas för att sociala företag ska uppstå och växa.

## De fyra pelarna

1. **Självorganisering.** Medborgarnas förmåga att gå samman och själva bygga
   verksamheter driver utvecklingen underifrån.
2. **Synlighet och erkännande.** Politiskt och juridiskt erkännande, märkningar och
   certifieringar, och företagens eget erkännande av sig själva som sociala företag.
3. **Tillgång till resurser.** Stöd för att starta och befästa verksamheten, intäkter från
   försäljning, lån och andra återbetalningsbara medel samt skattelättnader.
4. **Forskning, utbildning och kompetens.** Forskning om socialt företagande och
   utbildningar inom området.

## Vad det betyder här

Rapporten visar att erkännandet blir starkast där företagen och deras nätverk själva
driver frågan. För södra Norrbotten betyder det att stödstrukturen bör bygga på
företagens egna behov och nätverk – och att kunskap och mötesplatser är en del av
ekosystemet, inte en sidoverksamhet.
""",
    ),
    Entry(
        slug="tva-modeller-for-en-gemensam-stodstruktur",
        kind=K.WORK_MODEL,
        title="Två modeller för en gemensam stödstruktur",
        summary=(
            "Finansieringsmodellen samlar parternas pengar i en gemensam pott; "
            "ägandeskapsmodellen låter varje part äga och utföra en egen del. De går att kombinera."
        ),
        audience=A.PUBLIC_SECTOR,
        areas=("coordination",),
        source=STUDY + ", avsnitt 10",
        published="2026-02-16 09:00",
        related=("vad-stodstrukturen-erbjuder", "forstudien-plattform-for-sociala-foretag"),
        body="""
Förstudien tog fram två sätt att finansiera och organisera en stödstruktur för sociala
företag i södra Norrbotten. Modellerna visar *hur* arbetet kan finansieras och fördelas;
*vilka* insatser som ingår beslutar parterna tillsammans utifrån behoven.

## Finansieringsmodellen
De aktörer som vill vara med bidrar till en gemensam pott. Pengarna används till de
insatser som parterna gemensamt prioriterar. Utförarna kan variera mellan områdena,
till exempel externa konsulter eller expertkompetens som köps in.

## Ägandeskapsmodellen
Insatserna är ett gemensamt ansvar, men varje part äger och utför en egen del – en
kommun kan till exempel ansvara för handledarutbildningen och en annan part för
nätverksträffarna. Ansvarskänslan blir ofta större när ansvaret är fördelat.

## Kombinationen
Modellerna kan blandas: en del utförs av parterna själva, en del köps in.

## Samordning behövs alltid
Oavsett modell behövs en samordnare. Rollen blir viktigast när mycket köps in, eftersom
både samordningen och parternas engagemang då måste hållas ihop – men även när ansvaret
är fördelat behövs någon som är kittet mellan aktörerna.
""",
    ),
    Entry(
        slug="sa-fungerar-reserverad-upphandling",
        kind=K.GUIDE,
        title="Så fungerar reserverad upphandling",
        summary=(
            "En upphandlande myndighet får reservera en upphandling för leverantörer som "
            "arbetar med arbetsintegrering, om minst 30 procent av de anställda hör till "
            "målgruppen."
        ),
        areas=("procurement", "sales-marketing"),
        source=(
            "Lag (2016:1145) om offentlig upphandling, 4 kap. 18 §; "
            "Upphandlingsmyndighetens vägledning om reserverad upphandling"
        ),
        published="2026-03-02 09:00",
        related=("vad-ar-ett-arbetsintegrerande-socialt-foretag", "leverantorsnatverk-i-dalarna"),
        body="""
Lagen om offentlig upphandling (LOU) ger kommuner, regioner och myndigheter en möjlighet
att göra affärer med arbetsintegrerande företag: **reserverad upphandling**.

## Vad lagen säger
Enligt 4 kap. 18 § LOU får en upphandlande myndighet reservera rätten att delta i en
upphandling för leverantörer vars huvudsakliga syfte är social och yrkesmässig
integration av personer med funktionsnedsättning eller personer med ogynnsamma
förutsättningar. Villkoret är att **minst 30 procent** av leverantörens anställda är
personer med funktionsnedsättning eller med ogynnsamma förutsättningar. Att
upphandlingen är reserverad ska framgå av annonsen.

## För dig som köper
- Börja med en marknadsdialog: vilka ASF finns och vad kan de leverera?
- Dela upp uppdraget så att små företag kan lämna anbud, till exempel per kommun.
- Skriv i annonsen att upphandlingen är reserverad enligt 4 kap. 18 § LOU och be om
  underlag som visar andelen anställda ur målgruppen.

## För dig som säljer
- Ha underlaget klart: hur många är anställda och hur många av dem hör till målgruppen?
- Gå samman med andra företag om uppdraget är för stort för er ensamma.
- Fråga stödstrukturen om hjälp med anbudet – upphandling och anbud är ett av våra
  stödområden.
""",
    ),
    Entry(
        slug="vad-ger-en-handledarutbildning",
        kind=K.GUIDE,
        title="Vad ger en handledarutbildning?",
        summary=(
            "Handledaren är den som tar emot och stöttar en deltagare på arbetsplatsen. "
            "Utbildningen ger trygghet, gemensamma rutiner och ett nätverk med andra handledare."
        ),
        areas=("supervisor-training", "training"),
        source=STUDY + ", avsnitt 10.1–10.2",
        published="2026-03-16 09:00",
        related=(
            "place-and-train-fran-anvisning-till-arbetstraning",
            "mall-overenskommelse-om-arbetstraning",
        ),
        body="""
I ett arbetsintegrerande socialt företag är **handledaren** den som tar emot en deltagare,
visar arbetet, anpassar uppgifterna och följer hur det går. Handledarskapet är kärnan i
arbetsträningen – och en uppgift som kräver kunskap.

## Vad utbildningen ger
- **Kvalitet i handledningen.** Hur man planerar arbetsträning, sätter mål tillsammans
  med deltagaren och följer upp.
- **Trygghet och självförtroende** hos handledaren, inte minst i svåra samtal.
- **Hållbara rutiner** för introduktion, anpassningar och uppföljning.
- **Erfarenhetsutbyte** med handledare i andra företag och i kommunerna.

## Samma utbildning för företag och kommuner
Under förstudien hölls en handledarutbildning för de sociala företagen dit även
kommunerna och Arbetsförmedlingen bjöds in. Uppslutningen från kommunerna var mycket god
och utvärderingen positiv. När handledare från företag och offentlig sektor utbildas
tillsammans blir handledningen mer enhetlig, oavsett var deltagaren tränar.

Kommande handledarutbildningar finns i kalendern under Evenemang.
""",
    ),
    Entry(
        slug="vad-stodstrukturen-erbjuder",
        kind=K.GUIDE,
        title="Vad stödstrukturen erbjuder",
        summary=(
            "Rådgivning, utbildning, coachning, handledarutbildning, nätverk, hjälp med "
            "myndighetskontakter och upphandling – för sociala företag och för offentlig sektor."
        ),
        areas=("advice", "mentoring", "enterprise-networks", "authority-contacts", "coordination"),
        source=STUDY + ", avsnitt 9.2 och 10",
        published="2026-04-06 09:00",
        related=(
            "sa-kommer-du-i-kontakt-med-stodstrukturen",
            "tva-modeller-for-en-gemensam-stodstruktur",
        ),
        body="""
Stödstrukturen i södra Norrbotten bygger på de behov som företagen själva beskrev i
förstudiens behovsinventering. Samordningsförbundet Södra Norrbotten, dess parter och
Coompanion Norrbotten står bakom.

## För sociala företag
- **Rådgivning** i affärsutveckling, juridik och ekonomi.
- **Utbildning och kompetensutveckling**, till exempel i ledning och styrelsearbete.
- **Mentorer och företagscoacher** med kunskap om arbetsintegrering.
- **Sälj, marknadsföring och anbud**, också tillsammans med andra företag.
- **Handledarskap:** utbildning och praktiskt stöd för er som tar emot deltagare.
- **Nätverk** mellan företagen och med andra aktörer.
- **Myndighetskontakter:** hjälp att hitta rätt hos Arbetsförmedlingen,
  Försäkringskassan och kommunerna.

## För offentlig sektor
- Grundutbildning om ASF, konferenser och workshoppar med goda exempel.
- Gemensam handledarutbildning med företagen.
- Stöd i inköp och upphandling för att göra fler affärer med sociala företag.

## Samordning
Samordnaren håller ihop insatserna och är *en väg in* – för företag, myndigheter och
allmänhet.
""",
    ),
    Entry(
        slug="sa-kommer-du-i-kontakt-med-stodstrukturen",
        kind=K.GUIDE,
        title="Så kommer du i kontakt med stödstrukturen – en väg in",
        summary=(
            "Oavsett fråga börjar du på samma ställe. Samordnaren tar emot, tar reda på vad "
            "du behöver och ser till att rätt person hör av sig."
        ),
        areas=("coordination", "advice"),
        source=STUDY + ", avsnitt 10.3",
        published="2026-04-13 09:00",
        related=("vad-stodstrukturen-erbjuder",),
        body="""
Förstudien visade att både företag och offentliga aktörer behöver **en väg in**: ett
ställe att vända sig till i stället för att själva leta rätt bland många aktörer.

## Så gör du
1. **Skriv eller ring** via kontaktsidan här på Lotsen. Berätta kort vem du är och vad
   du undrar över – det räcker.
2. **Samordnaren tar emot** frågan och hör av sig, normalt inom några arbetsdagar.
3. **Rätt person tar över:** en rådgivare hos Coompanion, en kontakt hos en av parterna
   eller någon annan i stödstrukturen. Du slipper berätta allt igen.

## Vem kan höra av sig?
- Sociala företag som vill ha stöd, utbildning eller nätverk.
- Du som funderar på att starta ett socialt företag.
- Handläggare som vill veta mer om arbetsträning i ASF.
- Inköpare och upphandlare som vill köpa av sociala företag.
- Alla andra som är nyfikna.

Kontaktuppgifterna finns på sidan Kontakt, länkad längst ned på varje sida.
""",
    ),
    Entry(
        slug="forstudien-plattform-for-sociala-foretag",
        kind=K.REPORT,
        title="Förstudien Plattform för sociala företag och arbetsintegrering",
        summary=(
            "Förstudien 2020–2021 kartlade socialt företagande och stödstrukturer regionalt, "
            "nationellt och i Europa, och föreslog hur en stödstruktur i södra Norrbotten "
            "kan se ut."
        ),
        audience=A.PUBLIC_SECTOR,
        areas=("coordination",),
        source=STUDY,
        published="2026-01-05 09:00",
        related=("tva-modeller-for-en-gemensam-stodstruktur", "vad-stodstrukturen-erbjuder"),
        body="""
Mellan november 2020 och oktober 2021 genomförde Samordningsförbundet Södra Norrbotten
och Coompanion Norrbotten en förstudie om en stödstruktur för sociala företag med
arbetsintegrering i affärsidén. Parterna var Arbetsförmedlingen, Försäkringskassan och
kommunerna Luleå, Piteå, Älvsbyn och Boden.

## Tre verksamhetsområden
1. En **dialogyta** och kunskapshöjning för parterna, på sikt en kunskaps- och
   kompetensnod för länet där parterna ”talar med en röst”.
2. En **stödfunktion** för företagen, byggd på deras egna behov.
3. De sociala företagen som ett **verktyg** i förbundets arbete och stödfunktionen som
   en lots in i företagen för förbundets målgrupper.

## Vad förstudien gjorde
Den utvärderade befintligt stöd, inventerade företagens behov, kartlade externa aktörer,
testade stödinsatser, utredde organisering och finansiering och förankrade arbetet hos
parterna.

## Vad den kom fram till
Kunskapen om ASF är låg hos många aktörer men intresset finns. Företagen behöver
rådgivning, utbildning, coacher, nätverk, handledarutbildning och hjälp med
myndighetskontakter. Förstudien föreslår två modeller för finansiering och organisering,
och samordning som en röd tråd.
""",
    ),
    Entry(
        slug="timbanken-i-halland",
        kind=K.GOOD_EXAMPLE,
        title="Timbanken i Halland: kostnadsfria rådgivningstimmar",
        summary=(
            "Region Halland och kommunerna ger den som vill starta eller utveckla ett socialt "
            "företag fem timmars kostnadsfri rådgivning per år."
        ),
        audience=A.PUBLIC_SECTOR,
        areas=("advice",),
        source=STUDY + ", avsnitt 8.2",
        published="2026-05-04 09:00",
        related=("vad-stodstrukturen-erbjuder",),
        body="""
I Halland har region och kommuner byggt en **timbank**: den som vill utveckla sitt
sociala företag, eller planerar att starta ett, får fem timmars kostnadsfri rådgivning
under året.

## Varför det fungerar
- Tröskeln blir låg – företaget behöver inte söka projektmedel för att få hjälp.
- Timmarna är få men konkreta, och används där behovet är störst: affärsplan,
  prissättning, styrelsearbete eller ett anbud.
- Finansiärerna ser exakt hur mycket stöd som lämnats och till vem.

## Att ta med till Norrbotten
En timbank passar finansieringsmodellen, där parterna lägger pengar i en gemensam pott.
Lotsen håller räkningen på timmarna per företag och år så att ingen går över.
""",
    ),
    Entry(
        slug="leverantorsnatverk-i-dalarna",
        kind=K.GOOD_EXAMPLE,
        title="Leverantörsnätverk i Dalarna: sociala företag lämnar anbud tillsammans",
        summary=(
            "I Dalarna startade 2021 ett regionalt leverantörsnätverk där sociala företag "
            "svarar på upphandlingar tillsammans, med ett upphandlingsnätverk som motpart."
        ),
        areas=("procurement", "enterprise-networks"),
        source=STUDY + ", avsnitt 8.2 och 8.4",
        published="2026-05-18 09:00",
        related=("sa-fungerar-reserverad-upphandling",),
        body="""
Region Dalarna och Coompanion Dalarna startade 2020 en regional stödstruktur för sociala
företag. En del av den är ett **leverantörsnätverk** där företagen samverkar för att
kunna svara på upphandlingar gemensamt.

## Idén
Ett enskilt ASF med fem anställda kan sällan leverera allt en kommun efterfrågar. Flera
företag tillsammans kan. Nätverket hjälper företagen att dela upp uppdrag, skriva
gemensamma anbud och leverera som en grupp.

## Motparten
Samtidigt har ett kommunalt och regionalt **upphandlingsnätverk** startat, så att
köparna har någon att föra dialog med. Båda sidor lär sig av varandra.

## Stödplattformen
I Dalarna träffas dessutom en stödplattform en gång i månaden med Arbetsförmedlingen,
näringslivsenheten och arbetsmarknadsenheten i Ludvika, Finsam och Coompanion.
""",
    ),
    Entry(
        slug="samordningsforbundet-som-dorroppnare",
        kind=K.GOOD_EXAMPLE,
        title="Samordningsförbundet som dörröppnare – exemplet Östra Södertörn",
        summary=(
            "Samordningsförbundet Östra Södertörn öppnar dörrar till Arbetsförmedlingen och "
            "kommunerna, finansierar handledarstöd och ordnar mentorer och mötesplatser."
        ),
        audience=A.PUBLIC_SECTOR,
        areas=("authority-contacts", "mentoring", "actor-networks"),
        source=STUDY + ", avsnitt 8.3",
        published="2026-06-01 09:00",
        related=("tva-modeller-for-en-gemensam-stodstruktur",),
        body="""
Flera samordningsförbund i landet stöttar redan sociala företag. Förstudien lyfter
**Samordningsförbundet Östra Södertörn** som ett exempel på hur ett förbund kan arbeta.

## Vad förbundet gör
- Är **dörröppnare** till Arbetsförmedlingen och kommunerna.
- **Finansierar** visst handledarstöd och köper rehabiliteringstjänster.
- Ordnar **mentorer** till sociala företag.
- Håller **nätverksmöten, frukostmöten och seminarier**.
- Ordnar **kostnadsfria studiebesök**.

## Andra förbund
Samordningsförbundet Väster har en samordnare som länkar mellan myndigheter och ASF. I
Gävleborg finansierar Finsam handledning vid placering i ASF och ordnar utbildning för
parternas medarbetare, frukostmöten och en ASF-podd.
""",
    ),
    Entry(
        slug="skottland-en-tioarig-strategi",
        kind=K.GOOD_EXAMPLE,
        title="Skottland: en tioårig strategi och en återkommande undersökning",
        summary=(
            "Skottland har en strategi för socialt företagande 2016–2026 och undersöker "
            "sektorn vartannat år. 2019 fanns drygt 6 000 sociala företag."
        ),
        audience=A.PUBLIC_SECTOR,
        areas=("coordination", "actor-networks"),
        source=(
            "Scottish Government, Scotland's Social Enterprise Strategy 2016–2026; "
            "Social Enterprise in Scotland Census 2019; " + STUDY + ", avsnitt 7.1"
        ),
        published="2026-06-15 09:00",
        related=("eus-fyra-pelare-for-sociala-foretags-ekosystem",),
        body="""
Skottland räknas, tillsammans med Irland och Italien, till de få länder i Europa där
sociala företag är allmänt erkända.

## Strategin
Den skotska regeringen tog 2016 fram en strategi som sträcker sig över tio år, i dialog
med företrädare för socialt företagande. Målet är att socialt företagande ska finnas i
hela landet och bli ett självklart sätt att driva företag.

## Undersökningen vartannat år
Sektorn undersöks regelbundet. Undersökningen 2019 räknade **6 025 sociala företag** med
motsvarande **88 318 heltidstjänster**. 65 procent leddes av kvinnor och 33 procent fanns
på landsbygden.

## Lärdomar
Underlaget gör att insatserna kan bygga på fakta. Samtidigt visar exemplet att många
stödaktörer inte räcker – de måste också samverka, och det är svårt att mäta
samhällsnyttan. Lotsens återkommande enkät till företagen bygger på samma idé.
""",
    ),
    Entry(
        slug="tillvaxtverket-om-socialt-foretagande",
        kind=K.LINK,
        title="Tillväxtverket om socialt företagande",
        summary=(
            "Tillväxtverkets samlade information om sociala företag: definitioner, statistik, "
            "uppdrag och stöd."
        ),
        areas=("asf-school", "advice"),
        url="https://tillvaxtverket.se/amnesomraden/affarsutveckling/socialt-foretagande.html",
        source="Tillväxtverket; tipsad i " + STUDY + ", avsnitt 12",
        published="2026-02-23 09:00",
        related=("vad-ar-ett-arbetsintegrerande-socialt-foretag",),
        body="""
Tillväxtverket har regeringens uppdrag att främja socialt företagande. På myndighetens
webbplats finns definitioner, statistik över arbetsintegrerande sociala företag och
information om pågående uppdrag och stöd.
""",
    ),
    Entry(
        slug="skr-ny-vag-till-innovativa-valfardslosningar",
        kind=K.LINK,
        title="SKR: Ny väg till innovativa välfärdslösningar",
        summary=(
            "Sveriges Kommuner och Regioners handbok om hur kommuner och regioner kan "
            "samverka med och köpa av sociala företag."
        ),
        audience=A.PUBLIC_SECTOR,
        areas=("procurement", "coordination"),
        url=(
            "https://skr.se/skr/tjanster/rapporterochskrifter/publikationer/"
            "nyvagtillinnovativavalfardslosningar.34073.html"
        ),
        source="Sveriges Kommuner och Regioner (SKR); tipsad i " + STUDY + ", avsnitt 12",
        published="2026-03-09 09:00",
        related=("sa-fungerar-reserverad-upphandling",),
        body="""
Handboken vänder sig till kommuner och regioner och beskriver hur de kan arbeta med
sociala företag: samverkan, upphandling och andra former av partnerskap.
""",
    ),
    Entry(
        slug="policyrekommendationer-better-entrepreneurship",
        kind=K.LINK,
        title="Policyrekommendationer för socialt entreprenörskap",
        summary=(
            "OECD:s och Europeiska kommissionens verktyg Better Entrepreneurship samlar "
            "rekommendationer för politik som stärker sociala företag."
        ),
        audience=A.PUBLIC_SECTOR,
        areas=("coordination",),
        url="https://betterentrepreneurship.eu/sv/node/802",
        source="OECD och Europeiska kommissionen, Better Entrepreneurship Policy Tool; tipsad i "
        + STUDY
        + ", avsnitt 12",
        published="2026-03-23 09:00",
        related=("eus-fyra-pelare-for-sociala-foretags-ekosystem",),
        body="""
Verktyget hjälper beslutsfattare att granska hur väl den egna politiken stöder sociala
företag och ger rekommendationer, med exempel från andra länder.
""",
    ),
    Entry(
        slug="associationsformer-for-sociala-foretag",
        kind=K.GUIDE,
        title="Associationsformer för sociala företag",
        summary=(
            "Ett socialt företag kan drivas i nästan vilken associationsform som helst. "
            "Här är de vanligaste och vad som skiljer dem åt."
        ),
        audience=A.ENTERPRISES,
        areas=("law-finance", "board"),
        source="Bolagsverket, information om företagsformer; " + STUDY + ", avsnitt 3",
        published="2026-04-20 09:00",
        related=("vad-ar-ett-arbetsintegrerande-socialt-foretag",),
        body="""
Det finns ingen särskild lag för sociala företag i Sverige. Valet av associationsform
avgör hur företaget ägs, styrs och hur ett överskott får användas.

| Form | Ägs av | Passar när |
|---|---|---|
| ekonomisk förening | medlemmarna | de anställda ska äga och styra tillsammans, ett kooperativ |
| ideell förening | medlemmarna | verksamheten har ett ideellt syfte och begränsad försäljning |
| aktiebolag | aktieägarna | man behöver kapital; vinstutdelning kan begränsas i bolagsordningen |
| aktiebolag med särskild vinstutdelningsbegränsning (SVB) | aktieägarna | vinsten ska stanna |
| stiftelse | sig själv | ett ändamål ska tryggas långsiktigt, utan ägare |

De flesta ASF i Norrbotten är **ekonomiska föreningar**, ofta kooperativ som ägs och
drivs av de anställda. Det ger delaktighet – ett av Tillväxtverkets fyra kännetecken.

Rådgivarna hos Coompanion hjälper er att välja form och att skriva stadgar.
""",
    ),
    Entry(
        slug="ideburet-offentligt-partnerskap",
        kind=K.GUIDE,
        title="Idéburet offentligt partnerskap (IOP) och andra samarbetsformer",
        summary=(
            "Upphandling är inte det enda sättet för det offentliga att arbeta med sociala "
            "företag. IOP, bidrag och direktupphandling är andra vägar."
        ),
        audience=A.PUBLIC_SECTOR,
        areas=("procurement", "actor-networks"),
        source=(
            "Regeringskansliet, Strategi för sociala företag (N2018.13), 2018; "
            "Upphandlingsmyndighetens vägledning om idéburet offentligt partnerskap"
        ),
        published="2026-05-11 09:00",
        related=("sa-fungerar-reserverad-upphandling", "regeringens-strategi-for-sociala-foretag"),
        body="""
Regeringens strategi pekar på att offentlig sektor kan samarbeta med sociala företag på
fler sätt än genom vanlig upphandling.

## Idéburet offentligt partnerskap (IOP)
Ett IOP är en överenskommelse mellan en offentlig aktör och en idéburen organisation om
att tillsammans arbeta mot ett gemensamt mål, där organisationen bidrar med något eget.
Det passar när det inte är fråga om att köpa en tjänst på en marknad. En ideell förening
eller ekonomisk förening som drivs utan vinstsyfte kan vara part.

## Reserverad upphandling
När det offentliga vill *köpa* en tjänst kan upphandlingen reserveras för leverantörer
som arbetar med arbetsintegrering (LOU 4 kap. 18 §).

## Sociala hänsyn i vanlig upphandling
I en öppen upphandling kan krav ställas på att leverantören anställer eller tar emot
personer långt från arbetsmarknaden.

## Välj form efter syfte
Vilken form som passar beror på vad som ska åstadkommas. Fråga stödstrukturen – vi
hjälper både köpare och företag.
""",
    ),
    Entry(
        slug="place-and-train-fran-anvisning-till-arbetstraning",
        kind=K.WORK_MODEL,
        title="Place and train: från anvisning till arbetsträning i ett ASF",
        summary=(
            "Först en plats, sedan träning på plats: så går en deltagare från en handläggares "
            "anvisning till arbetsträning med handledare i ett socialt företag."
        ),
        areas=("supervisor-training", "authority-contacts"),
        source=STUDY + ", avsnitt 2 (verksamhetsområde 3)",
        published="2026-06-29 09:00",
        related=("vad-ger-en-handledarutbildning", "mall-overenskommelse-om-arbetstraning"),
        body="""
Samordningsförbundet arbetar efter **place and train**: deltagaren får en plats på en
riktig arbetsplats först och tränar sedan där, med stöd – i stället för lång förberedelse
innan arbetet börjar. De sociala företagen är en naturlig plats för det.

## Stegen
1. **Anvisning.** En handläggare hos en part anvisar en deltagare till stödstrukturen.
2. **Kartläggning.** Samordnaren (lotsen) träffar deltagaren: intressen, förutsättningar
   och behov av anpassning.
3. **Matchning.** Lotsen föreslår en arbetsträningsplats i ett ASF där uppgifterna,
   handledaren och resan passar.
4. **Överenskommelse.** Deltagare, företag och anvisande part kommer överens om mål,
   tider, handledare och anpassningar.
5. **Arbetsträning med uppföljning.** Handledaren stöttar i vardagen; uppföljningar visar
   hur deltagaren utvecklas.
6. **Avslut och vidare.** Deltagaren går vidare till arbete, studier eller annan insats,
   och utfallet följs upp efter sex och tolv månader.

Varje deltagare får växa i sin egen takt.
""",
    ),
    Entry(
        slug="mall-overenskommelse-om-arbetstraning",
        kind=K.TEMPLATE,
        title="Mall: överenskommelse om arbetsträning i ett socialt företag",
        summary=(
            "En mall för överenskommelsen mellan deltagare, företag och anvisande part: mål, "
            "tider, handledare, anpassningar och uppföljning."
        ),
        areas=("supervisor-training",),
        source="Lotsen, stödstrukturen i södra Norrbotten, efter arbetssättet i " + STUDY,
        published="2026-07-06 09:00",
        related=("place-and-train-fran-anvisning-till-arbetstraning",),
        body="""
Kopiera mallen och fyll i den tillsammans. Alla tre parter får en kopia.

## 1. Parter
- Deltagare: *kod eller namn*
- Företag: *namn, organisationsnummer*
- Anvisande part: *myndighet eller kommun, handläggare*

## 2. Mål
*Vad vill deltagaren uppnå? Skriv ett till tre mål som går att följa upp.*

## 3. Arbetsuppgifter och tider
- Uppgifter: *…*
- Timmar per vecka: *…* (startar med *…* och ökar enligt plan)
- Startdatum och planerat slutdatum: *…*

## 4. Handledare
*Namn och kontakt. Har handledaren gått handledarutbildning? ja / nej*

## 5. Anpassningar
*Vilka anpassningar behövs, till exempel arbetstider, pauser, hjälpmedel eller
arbetsmiljö?*

## 6. Uppföljning
*När följer ni upp? Förslag: efter två veckor, varje månad och vid avslut.*

## 7. Godkännande
Deltagare, företag och anvisande part godkänner överenskommelsen med datum och namn.
""",
    ),
    Entry(
        slug="skoopi-och-certifiering",
        kind=K.GUIDE,
        title="SKOOPI och certifiering av arbetsintegrerande sociala företag",
        summary=(
            "SKOOPI är de arbetsintegrerande sociala företagens intresseorganisation sedan 2000 "
            "och har infört en egen certifiering."
        ),
        audience=A.ENTERPRISES,
        areas=("enterprise-networks", "sales-marketing"),
        source="SKOOPI – Intresseorganisationen för arbetsintegrerande sociala företag; "
        + STUDY
        + ", avsnitt 3",
        published="2026-07-20 09:00",
        related=("vad-ar-ett-arbetsintegrerande-socialt-foretag",),
        body="""
Sedan 2000 är **SKOOPI** intresseorganisation för de arbetsintegrerande sociala företagen
i Sverige. Organisationen driver företagens frågor nationellt och har infört en särskild
**certifiering** för ASF.

## Varför certifiera sig?
- Köpare och samarbetspartner ser att företaget uppfyller tydliga krav.
- Det stärker erkännandet – en av EU:s fyra pelare för ett starkt ekosystem.
- Arbetet med certifieringen blir en genomgång av den egna verksamheten.

## Antalet ASF växer
Enligt Tillväxtverket fanns 174 arbetsintegrerande sociala företag 2009 och 350 år 2016.
Lönerna i företagen uppgick 2016 till 882 miljoner kronor.
""",
    ),
]

# The demo world adds resources that are not part of the real starting content:
# a fictitious podcast and a draft, so that editors have something to publish.
DEMO_ENTRIES: list[Entry] = [
    Entry(
        slug="lotsenpodden-avsnitt-1-att-starta-ett-asf",
        kind=K.PODCAST,
        title="Lotsenpodden, avsnitt 1: Att starta ett ASF i Norrbotten",
        summary=(
            "Två företagare från Piteå och Boden berättar om de första åren med sina "
            "kooperativ. Avsnittet är en del av demovärlden."
        ),
        author=COOMPANION,
        audience=A.ENTERPRISES,
        areas=("asf-school", "enterprise-networks"),
        url="https://podd.lotsen.test/avsnitt-1",
        source="Demovärlden i Lotsen (påhittat avsnitt)",
        published="2026-09-07 09:00",
        related=("vad-ar-ett-arbetsintegrerande-socialt-foretag",),
        body="""
I första avsnittet samtalar vi om hur det är att starta ett arbetsintegrerande socialt
företag: affärsidén, den första kunden, att bli handledare och att hitta stöd.
""",
    ),
    Entry(
        slug="checklista-salj-och-marknadsforing",
        kind=K.GUIDE,
        title="Checklista: sälj och marknadsföring för sociala företag",
        summary="Tio frågor att gå igenom innan ni sätter priser och söker nya kunder.",
        author=COOMPANION,
        audience=A.ENTERPRISES,
        areas=("sales-marketing",),
        source="Coompanion Norrbotten (utkast i demovärlden)",
        published="",
        body="""
Ett utkast som Coompanion arbetar på.

- Vem är er kund, och vem betalar?
- Vad gör ert erbjudande annorlunda?
- Vet kunden att ni är ett socialt företag – och spelar det roll för dem?
""",
    ),
]


def _published_at(text: str) -> datetime | None:
    if not text:
        return None
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=STOCKHOLM)


@transaction.atomic
def load(entries: list[Entry], *, author: Organisation | None = None) -> int:
    """Create or update each entry; with `author`, that organisation writes them all."""
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    resources = {}
    for entry in entries:
        published_at = _published_at(entry.published)
        resource, _created = Resource.objects.update_or_create(
            slug=entry.slug,
            defaults={
                "kind": entry.kind,
                "title": entry.title,
                "summary": entry.summary,
                "body": entry.body.strip() + "\n",
                "audience": entry.audience,
                "author_organisation": author or organisations[entry.author],
                "url": entry.url,
                "source": entry.source,
                "source_url": entry.source_url,
                "status": Resource.Status.PUBLISHED if published_at else Resource.Status.DRAFT,
                "published_at": published_at,
            },
        )
        resource.full_clean()
        resource.support_areas.set(entry.areas)
        resources[entry.slug] = resource
    for entry in entries:
        if entry.related:
            resources[entry.slug].related.add(
                *(resources[slug] for slug in entry.related if slug in resources)
            )
    return len(resources)
