"""Each class of false alarm and miss seen on text nobody here wrote (issue 12), as a regression test."""
import pytest

from service.quality.faithfulness import check_faithfulness
from service.quality.numbers import english_numbers, hindi_numbers

SCHEME = "सरकार ने ५०,००० करोड़ रुपये की योजना की घोषणा की।"
SALES = "कंपनी की बिक्री 2.5 प्रतिशत बढ़कर 1,200 करोड़ रुपये हो गई।"
MATCH = "भारत ने तीसरा मैच जीत लिया।"
UN = "संयुक्त राष्ट्र महासचिव एंटोनियो गुटेरेस ने युद्धविराम की अपील की।"
DEAL = "भारत ने फ्रांस से 36 राफेल लड़ाकू विमान खरीदे।"


@pytest.mark.parametrize("hindi, english", [
    (SCHEME, "The government announced a Rs 50,000 crore scheme."),  # Rs is money, not a name
    (SCHEME, "The government announced a scheme of Rs. 50,000 crore."),
    (SCHEME, "The government announced a ₹50,000-crore scheme."),
    (SCHEME, "The government announced an INR 500 bn scheme."),  # another scale, the same value
    ("सरकार ने 50 हजार करोड़ रुपये की योजना की घोषणा की।", "The government announced a Rs 50,000 crore scheme."),
    (SALES, "The company's sales rose 2.5 percent to Rs 1,200 crore."),  # 2.5 is not 2.5 crore
    ("अमेरिकी इस साल $1.9 बिलियन खर्च करेंगे।", "Americans will spend $1.9 billion this year."),
    ("सैनिकों की पहली और तीसरी रेजिमेंट पहुंची।", "The 1st and 3rd regiments arrived."),
    ("शुक्र ग्रह सुबह चमकता है।", "The planet shines in the morning."),  # शुक्र (Venus) is not Friday
    ("इसमें जी20 जैसे मंचों पर सहयोग शामिल है।", "This includes cooperation at forums such as the G20."),
    ("विदेश मंत्री पद के लिए चुनाव हुआ।", "An election was held for the post of foreign minister."),
    ("भारत ने फ्रांस से 36 राफेल लड़ाकू विमान खरीदे।", "India bought 36 Rafale fighter jets from France."),
    (UN, "UN Secretary-General Antonio Guterres appealed for a ceasefire."),
    ("ओमप्रकाश सेवानिवृत्त हुए।", "Om Prakash retired."),
])
def test_correct_translations_are_not_flagged(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()


@pytest.mark.parametrize("hindi, english, expected", [
    (MATCH, "India won the second match.", "ordinal 3 in the source is missing"),
    ("टीम ने 5वां मैच जीता।", "The team won the 6th match.", "ordinal 6 is not in the source"),
    (UN, "UN Secretary-General Ban Ki-moon appealed for a ceasefire.", "entity गुटेरेस in the source is missing"),
    (UN, "UN Secretary-General Ban Ki-moon appealed for a ceasefire.", "entity Kimoon is not in the source"),
    (DEAL, "India bought 36 Mirage fighter jets from France.", "entity Mirage is not in the source"),
    (SCHEME, "The government announced a Rs 50,000 lakh scheme.", "number 5000000000 is not in the source"),
    (SALES, "The company's sales rose 2.5 percent to Rs 1,200 lakh.", "number 120000000 is not in the source"),
    ("पेरिस में बैठक हुई।", "The meeting was held in Berlin.", "entity पेरिस (Paris) in the source is missing"),
])
def test_planted_errors_of_each_missed_class_are_flagged(hindi, english, expected):
    result = check_faithfulness(hindi, english)
    assert expected in result.warnings()


@pytest.mark.parametrize("hindi, values", [
    ("50 हजार करोड़", [5e11]), ("1.2 लाख करोड़", [1.2e12]), ("2 मिलियन से 3 मिलियन", [2e6, 3e6]),
    ("वर्ष 2013-14 में 31 हजार करोड़", [2013, 14, 3.1e11]), ("HS2 की लागत 50 अरब", [5e10]),
])
def test_hindi_scales_belong_to_their_number(hindi, values):
    assert hindi_numbers(hindi) == values


@pytest.mark.parametrize("english, values", [
    ("rose 2.5 percent to 1,200 crore", [2.5, 1.2e10]), ("a thousand cases", [1e3]), ("$6m loss", [6e6]),
    ("In 2011 Google bid $900 million", [2011, 9e8]), ("2.2 million km2", [2.2e6]),
])
def test_english_scales_belong_to_their_number(english, values):
    assert english_numbers(english) == values


# Issue 21: false alarms on regional Indian news, each class by a general method.
@pytest.mark.parametrize("hindi, english", [
    ("नगर निगम की बैठक हुई।", "The Municipal Corporation met."),  # a common English word, no source name left
    ("आयोजकों ने कार्यक्रम टाल दिया।", "The organisers postponed the programme."),  # British spelling
    ("पार्षदों ने अफवाहों का खंडन किया।", "The Councillors denied the rumours."),
    ("गांव खेड़िया में मेला लगा।", "A fair was held in village Khedia."),  # ड़ as d
    ("विपिन ने भाषण दिया।", "Bipin gave a speech."),  # व as b
    ("श्रीराम की पूजा हुई।", "Ram was worshipped."),  # श्री prefix
    ("यमुना में बाढ़ आई।", "The Jamuna flooded."),  # य as j
    ("भारत-पाक सीमा पर तनाव है।", "There is tension on the Indo-Pakistani border."),  # combining forms
    ("आयरलैंड के लोग खुश हैं।", "The Irish are happy."),  # demonym
    ("एक्सईएन ने निरीक्षण किया।", "The Executive Engineer carried out an inspection."),  # XEN spelled out
    ("वे शनिवार सुबह साढ़े सात बजे पहुंचे।", "They arrived on Saturday at 7:30 am."),  # clock time
    ("साढ़े नौ साल में क्या किया?", "What was done in nine and a half years?"),
    ("इस कलेक्शन को चार चांद लगाने के लिए डेनिम भी है।", "Denim is also there to make the collection shine."),  # idiom
    ("द्बितीय विश्व युद्ध में वह घायल हुआ।", "He was wounded in the Second World War."),  # old font द्ब
    ("डॉ. वेल ने मरीजों का इलाज किया।", "Dr Bwelle treated the patients."),  # silent first consonant
])
def test_issue21_correct_translations_are_not_flagged(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()


@pytest.mark.parametrize("hindi, english, expected", [
    ("सरकार ने दस लाख रुपये दिए।", "The government gave ten crore rupees.", "number 1000000 in the source is missing"),
    ("पत्रकारों पर दस लाख शिलिंग जुर्माना होगा।", "Journalists can be fined one billion shillings.",
     "number 1000000 in the source is missing"),
    ("टीम दूसरे स्थान पर रही।", "The team finished third.", "ordinal 2 in the source is missing"),
    ("उसने पांचवें और सातवें मैच में शतक बनाया।", "He scored centuries in the fifth and fifth matches.",
     "ordinal 5 is not in the source"),
    ("उसने शादी नहीं की थी।", "He had married.", "negation negation in the source is missing"),
    ("उसने शादी की थी।", "He had not married.", "negation negation is not in the source"),
    ("पुलिस ने आरोपी को गिरफ्तार नहीं किया।", "Police arrested the accused.", "negation negation in the source is missing"),
    ("अलीपुर गांव में बारिश हुई।", "It rained in Patna village.", "entity अलीपुर in the source is missing"),  # untitled place (HiNER)
])
def test_issue21_errors_are_flagged(hindi, english, expected):
    assert expected in check_faithfulness(hindi, english).warnings()


@pytest.mark.parametrize("hindi, english", [
    ("न केवल भारत बल्कि अमेरिका में भी उसका नाम है।", "He is known not only in India but also in America."),
    ("यह तय नहीं है कि वह आएगा या नहीं।", "It is not certain whether he will come."),  # या नहीं: "or not", left out
    ("कहीं न कहीं गलती हुई है।", "A mistake has been made somewhere."),  # X न X
    ("यही नहीं, उसने जुर्माना भी भरा।", "Moreover, he also paid a fine."),
    ("उसकी इच्छा कभी खत्म नहीं होगी।", "His desire will never end."),
    ("चोट के कारण वह खेल नहीं सका।", "He was unable to play because of an injury."),  # lexical un-
    ("बिना टिकट यात्रा करना मना है।", "Travelling without a ticket is prohibited."),
    ("लोगों ने अपना मत दिया।", "People cast their votes."),  # मत: vote, not "do not"
    ("उनका नया एलबम शीर्ष स्थान पर पहुंचा।", "Her new album reached No. 1."),
    ("यात्री चोरी न करें, भीख न मांगें और कानून न तोड़ें।", "Travellers should not steal, beg or break the law."),
])
def test_negation_that_is_kept_is_not_flagged(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()


# Issue 21, part 2: negation false alarms, each class by a general method.
@pytest.mark.parametrize("hindi, english", [
    ("चिंता न करें, सब ठीक होगा।", "Rest assured, everything will be fine."),  # "don't worry" idiom
    ("उसे डर था कि लोगों को पता न चल जाए।", "He feared people would find out."),  # expletive न after fear
    ("जब दवा से काम हो सकता है तो सर्जरी की क्या जरूरत है।", "There is no need for surgery when a pill will do."),
    ("न तो वे व्यापार कर सकते हैं, न ही उन्हें लाइसेंस मिला।", "Neither can they trade, nor did they get licences."),
    ("उसने साइन इन नहीं किया और इस साल तो नहीं ही करेगा।", "He hasn't signed up and won't this year."),  # तो: one clause in English
    ("मीडिया ने कानून नहीं तोड़ा क्योंकि वीडियो स्टोर नहीं हुआ।", "The media had not broken the law as the video had not been stored."),
    ("प्रवक्ता ने टिप्पणी नहीं की।", "The spokesman declined to comment."),
    ("यह पढ़ाने के लिए उपयुक्त नहीं होगा।", "It would be far too filthy to be taught."),
    ("पार्टी ने अचानक आकर पचास लाख वोट पाए।", "The party came from nowhere to grab five million votes."),
    ("क्या यह सच नहीं है कि वह आया?", "It is true that he came."),  # a rhetorical question
    ("न जाने कितने लोग आए।", "Countless people came."),
    ("इससे पहले कि वह भाग न जाए, उसे पकड़ो।", "Catch him before he runs away."),  # expletive न
    ("वहां केवल पांच लोग थे।", "There were no more than five people."),  # a comparative
    ("सेना ने नो-फ्लाई ज़ोन लागू किया।", "The army enforced a no-fly zone."),
    ("यह पेरिस जैसा है।", "It is not unlike Paris."),  # a double negative
])
def test_negation_renderings_are_not_flagged(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()


def test_negation_count_mismatch_where_both_sides_negate_is_only_possible():
    hindi = "उसने नहीं खाया क्योंकि वह भूखा नहीं था।"
    one_left = check_faithfulness(hindi, "He ate because he was not hungry.")
    assert one_left.passed and [(c.kind, c.problem) for c in one_left.possible] == [("negation", "missing")]
    none_left = check_faithfulness(hindi, "He ate because he was hungry.")
    assert "negation negation in the source is missing" in none_left.warnings()


# Issue 21, part 2: other false-alarm classes of the development set, each by a general method.
@pytest.mark.parametrize("hindi, english", [
    ("40, 45 और 55 श्रेणी के टायर उपलब्ध हैं।", "Tyres in the range of 40,45 and 55 are available."),  # a list, not 4045
    ("अधिकारियों ने साढ़े आठ टन जब्त किया।", "Officials seized eight-and-a-half tons."),
    ("प्रथम चरण में नई रेल लाइन होगी।", "Phase One will have a new rail line."),  # पहला/प्रथम without English ordinals
    ("पहले और दूसरे विश्वयुद्ध में पनडुब्बियां थीं।", "There were submarines in World War I and World War II."),
    ("कैप्सूल 8 मील प्रति सेकंड की यात्रा करेगा।", "The capsule will travel at 8 miles per second."),
    ("जेएएस 39C ग्रिपेन रनवे पर गिरा।", "The JAS 39 C Gripen crashed onto a runway."),  # a code spaced otherwise
    ("बेल्जियम के लोग फ्रेंच समझते हैं।", "Belgians understand French."),  # plural demonym
    ("उन्होंने कहा कि राष्ट्रपति हमारी बात सुनेंगे।", "He said the president will listen to us."),  # a verb after a title
    ("मानव मंदिर चौक पर जवान तैनात हैं।", "Soldiers are deployed at Manav Mandir Square."),  # a name's head noun translated
    ("बेल्जियम और स्विट्जरलैंड के लोग फ्रेंच समझते हैं।", "Belgians and Swiss understand French."),
    ("गैलीलियो ने देखा कि शुक्र की कलाएं होती हैं।", "Galileo saw that Venus has phases."),  # an exonym
    ("अगर स्नोडेन नेजर्मनी में गवाही दें।", "If Snowden testified in Germany."),  # ने जर्मनी run together
    ("एचएस2 लिमिटेड का काम जारी है।", "The work by HS2 Ltd goes on."),  # an abbreviation
    ('उन्होंने कहा: "HS2 के लिए हमारा लक्ष्य राष्ट्रीय नेटवर्क है।"', 'He said: "Our goal for HS2 is a national network."'),
    ("बच्चे ए(एच5एन1) वायरस से संक्रमित हुए।", "Children were infected with the A(H5N1) virus."),  # codes, not numbers
    ("उनकी संपत्ति $ 2.3 billion आंकी गई।", "His fortune was estimated at $2.3 billion."),  # Latin scale in Hindi
])
def test_part2_correct_translations_are_not_flagged(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()


@pytest.mark.parametrize("hindi, english, expected", [
    ("पहले और दूसरे विश्वयुद्ध में पनडुब्बियां थीं।", "There were submarines in World War I and World War III.",
     "ordinal 3 is not in the source"),
    ("टीमें प्रथम और द्वितीय स्थान पर रहीं।", "The teams came second and second.", "ordinal 1 in the source is missing"),
    ("40, 45 और 55 श्रेणी के टायर उपलब्ध हैं।", "Tyres in the range of 40,46 and 55 are available.",
     "number 46 is not in the source"),
])
def test_part2_errors_are_flagged(hindi, english, expected):
    assert expected in check_faithfulness(hindi, english).warnings()


# Issue 21, part 2: a name swapped for one that sounds like a common Hindi word of the source.
@pytest.mark.parametrize("hindi, english, expected", [
    ("विदेश मंत्री जयशंकर बैठक के बाहर पत्रकारों से मिले।", "Foreign Minister Bihar met reporters outside the meeting.",
     "entity Bihar is not in the source"),  # बाहर, "outside"
    ("कल मोदी ने ऐसा कहा।", "Yesterday Asia said so.", "entity Asia is not in the source"),  # ऐसा, "so"
])
def test_name_that_sounds_like_a_common_hindi_word_is_flagged(hindi, english, expected):
    assert expected in check_faithfulness(hindi, english).warnings()


@pytest.mark.parametrize("hindi, english", [
    ("विकास गुप्ता ने कोतवाल से शिकायत की।", "Vikas Gupta complained to the police chief."),  # names spelt from words
    ("सम्मेलन में संवाद और ओलंपिक पर बात हुई।", "The conference discussed Samvaad and the Olympic games."),
])
def test_name_spelt_from_a_common_hindi_word_is_backed(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()


# Issue 21, recall: a spelled-out scale changed, an ordinal changed to a value stated elsewhere, and
# दूसरा/पहले in a series of ordinals; the correct renderings beside them are not flagged.
@pytest.mark.parametrize("hindi, english", [
    ("सरकार ने लगभग आधा अरब डॉलर खर्च किए।", "The government spent almost half a billion dollars."),
    ("एक तस्वीर हज़ारों शब्दों के बराबर होती है।", "A picture is worth a thousand words."),  # plural scale backs "a thousand"
    ("मेले में हजार लोग आए।", "A thousand people came to the fair."),  # a bare scale word
    ("परिवार को पांच लाख रुपये मिले।", "The family received five lakh rupees."),
    ("अंबाला पहले, रोहतक दूसरे और भिवानी तीसरे स्थान पर रहा।", "Ambala came first, Rohtak second and Bhiwani third."),
    ("दूसरे विश्व युद्ध से पहले 19वीं सदी के होटल बने।", "Hotels of the 19th century were built before the Second World War."),
    ("बिक्री 5 मार्च को शुरू हुई।", "Sales began on March 5th."),  # a date's ordinal backed by the number once
])
def test_recall_fixes_leave_correct_translations_alone(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()


@pytest.mark.parametrize("hindi, english, expected", [
    ("सरकार ने लगभग आधा अरब डॉलर खर्च किए।", "The government spent almost half a thousand dollars.",
     "number 500000000 in the source is missing"),
    ("परिवार को पांच लाख रुपये मिले।", "The family received five thousand rupees.", "number 5000 is not in the source"),
    ("एक तस्वीर हज़ारों शब्दों के बराबर होती है।", "A picture is worth a trillion words.",
     "number 1000000000000 is not in the source"),
    ("अंबाला पहले, रोहतक दूसरे और भिवानी तीसरे स्थान पर रहा।", "Ambala came first, Rohtak first and Bhiwani third.",
     "ordinal 2 in the source is missing"),
    ("इस साल के पहले 10 महीनों में बिक्री 20 प्रतिशत बढ़ी।", "Sales rose 20 percent in the tenth 10 months of the year.",
     "ordinal 10 is not in the source"),
    ("आप सुबह 5 बजे निकलते हैं ताकि प्रथम व्यक्ति बनें।", "You leave at 5 a.m. to be the fifth person.",
     "ordinal 5 is not in the source"),
    ("खिलाड़ी पहले छेद से शुरू करते हैं और अठारहवें पर समाप्त करते हैं।",
     "Players start on the eighteenth hole and finish on the eighteenth.", "ordinal 18 is not in the source"),
])
def test_recall_fixes_flag_the_changed_value(hindi, english, expected):
    assert expected in check_faithfulness(hindi, english).warnings()


# Issue 21, false alarms: a name with Latin diacritics is one word; a lowercase particle joins its name.
@pytest.mark.parametrize("hindi, english", [
    ('"जर्मनी जाग जानी चाहिए" ओलिवर Grün कहते हैं।', '"Germany must wake up," says Oliver Grün.'),
    ("अमेरिकी सेना ने अलकायदा प्रमुख को मार गिराया।", "US forces killed the al-Qaeda chief."),
])
def test_diacritics_and_name_particles_are_not_flagged(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()


def test_a_name_after_a_particle_is_still_checked():
    warnings = check_faithfulness("अमेरिकी सेना ने अलकायदा प्रमुख को मार गिराया।", "US forces killed the al-Shabaab chief.").warnings()
    assert "entity Shabaab is not in the source" in warnings


# Issue 21, part 4: false-alarm classes of dev, each by a general rule.
@pytest.mark.parametrize("hindi, english", [
    # a French ch is श; an s between a vowel and l, m or r is ज़
    ("अदालत ने स्टीवी रॉशेल बॉमफोर्ड को दोषी पाया।", "The court found Stevie Rochelle Bamford guilty."),
    ("जनरल मोटर्स ने शेवरले सिल्वरैडो ट्रक वापस बुलाए।", "General Motors recalled Chevrolet Silverado trucks."),
    ("यरूशलेम इज़रायल के प्रमुख पर्यटन स्थलों में से एक है।", "Jerusalem is one of the main tourist destinations in Israel."),
    ("प्रवक्ता लेज़ली उन ने बताया।", "The spokesperson, Leslie Aun, said."),
    # a Hindi abbreviation of two names' first syllables
    ("कंपनी ने राजस्थान, मप्र और महाराष्ट्र में एजेंट नियुक्त किए।",
     "The company appointed agents in Rajasthan, Madhya Pradesh and Maharashtra."),
    # a frequent English word with a letter dropped or two swapped is a typo, not a name
    ("ग्रामीण जिला अध्यक्ष जयदीप धनखड़ मौजूद रहे।", "The Rural Distrct President Jaideep Dhankhad was present."),
    ("मैरीलैंड परिवहन प्राधिकरण ने जांच बंद कर दी।", "The Maryland Transportaion Authority closed the inquiry."),
    # a place CLDR lacks is found through its demonym; a place's dollars written with its initial
    ("स्कॉटलैंड के परिवहन मंत्री कीथ ब्राउन ने कहा।", "Scottish transport minister Keith Brown said."),
    ("वे 3,000 सिंगापुर डॉलर कमाती हैं।", "She earns S$3,000."),
])
def test_part4_correct_translations_are_not_flagged(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()


@pytest.mark.parametrize("hindi, english, expected", [
    ("अदालत ने स्टीवी रॉशेल बॉमफोर्ड को दोषी पाया।", "The court found Stevie Monica Bamford guilty.",
     "entity Monica is not in the source"),
    ("यरूशलेम इज़रायल के प्रमुख पर्यटन स्थलों में से एक है।", "Jerusalem is one of the main tourist destinations in Lebanon.",
     "entity Lebanon is not in the source"),
    ("कंपनी ने राजस्थान, मप्र और महाराष्ट्र में एजेंट नियुक्त किए।",
     "The company appointed agents in Rajasthan, Andhra Pradesh and Maharashtra.", "entity Andhra is not in the source"),
    ("ग्रामीण जिला अध्यक्ष जयदीप धनखड़ मौजूद रहे।", "The Rural Distrct President Jaideep Hungary was present.",
     "entity Hungary is not in the source"),  # a word and a letter (hungry + a) is still a name
    ("स्कॉटलैंड के परिवहन मंत्री कीथ ब्राउन ने कहा।", "Irish transport minister Keith Brown said.",
     "entity Irish is not in the source"),
    ("वे 3,000 सिंगापुर डॉलर कमाती हैं।", "She earns A$3,000.", "entity सिंगापुर (Singapore) in the source is missing"),
])
def test_part4_errors_are_flagged(hindi, english, expected):
    assert expected in check_faithfulness(hindi, english).warnings()


@pytest.mark.parametrize("hindi, english", [
    # a capitalized word the English also writes lowercase is a word, not a name
    ("हालाँकि, आजकल भित्तिचित्र कलाकार उपलब्ध हैं। भित्तिचित्र अक्सर कलाकृतियों से मिलते जुलते दिखते हैं।",
     "Nowadays there are graffiti artists. Graffiti paintings often resemble artworks."),
    ("पामेला की सुनहरी जुल्फें टीवी शो से मशहूर हुई थीं।", "Pam's blonde locks were made famous by a TV show."),  # a short form
    ("इनमें ज़्यादातर बीस साल की उम्र के लोग रुकते हैं।", "A typical guest is in their twenties."),  # a decade
    ("इनमें से प्रत्येक भगदड़ या मार्च लगभग 17 दिनों तक रहता है।",
     "Each of these rampages or marches lasts for approximately 17 days."),  # मार्च, "a march"
])
def test_part4_words_short_forms_and_decades_are_not_flagged(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()


@pytest.mark.parametrize("hindi, english, expected", [
    ("हालाँकि, आजकल भित्तिचित्र कलाकार उपलब्ध हैं। भित्तिचित्र अक्सर कलाकृतियों से मिलते जुलते दिखते हैं।",
     "Nowadays there are graffiti artists. Banksy paintings often resemble artworks.", "entity Banksy is not in the source"),
    ("पामेला की सुनहरी जुल्फें टीवी शो से मशहूर हुई थीं।", "Sam's blonde locks were made famous by a TV show.",
     "entity पामेला in the source is missing"),
    ("इनमें ज़्यादातर बीस साल की उम्र के लोग रुकते हैं।", "A typical guest is in their thirties.",
     "number 20 in the source is missing"),
    ("प्रदर्शनकारियों ने 17 मार्च को मार्च किया।", "The protesters marched on 17 April.", "date April is not in the source"),
])
def test_part4_changed_words_short_forms_and_decades_are_flagged(hindi, english, expected):
    assert expected in check_faithfulness(hindi, english).warnings()


# Issue 21, part 4: a word written with candra-o (लॉ, गॉल) is a loan, not the common word normalizing makes of it.
_RESCUE = "Specialist Technical Rescue Officer Peter Lau said: \"Ruby had a very lucky escape.\""


def test_a_name_written_as_a_loan_is_backed():
    hindi = "विशेष तकनीकी बचाव अधिकारी पीटर लॉ ने कहाः \"रूबी सौभाग्यपूर्ण तरीके से बची है।\""
    result = check_faithfulness(hindi, _RESCUE)
    assert result.passed, result.warnings()


def test_a_name_that_sounds_like_the_common_word_is_still_flagged():
    hindi = "विशेष तकनीकी बचाव अधिकारी पीटर ने कहाः \"लो, रूबी सौभाग्यपूर्ण तरीके से बची है।\""  # लो, "take"
    assert "entity Lau is not in the source" in check_faithfulness(hindi, _RESCUE).warnings()


@pytest.mark.parametrize("hindi, english", [
    # lunar days and English ordinals written in Hindi back an English ordinal (they are not required)
    ("कार्तिक मास की कृष्ण पक्ष की त्रयोदशी को धनतेरस मनाया जाता है।",
     "Dhanteras is celebrated on the thirteenth day of the Kartik month."),
    ("मेट्रो को थर्ड क्लास भी कहा जाता है।", "Metro is also called Third Class."),
    ("रामनवमी पर मेला लगा।", "A fair was held on Ram Navami."),
    ("बीएंडबी दो चीजों पर प्रतिस्पर्धा करते हैं।", "B&Bs compete on two things."),  # letters after & are an abbreviation
])
def test_part4_lunar_days_loan_ordinals_and_ampersand_abbreviations_are_not_flagged(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()


@pytest.mark.parametrize("hindi, english, expected", [
    ("कार्तिक मास की कृष्ण पक्ष की त्रयोदशी को धनतेरस मनाया जाता है।",
     "Dhanteras is celebrated on the twelfth day of the Kartik month.", "ordinal 12 is not in the source"),
    ("मेट्रो को थर्ड क्लास भी कहा जाता है।", "Metro is also called Second Class.", "ordinal 2 is not in the source"),
    ("बीएंडबी दो चीजों पर प्रतिस्पर्धा करते हैं।", "B&Bs and Hilton compete on two things.", "entity Hilton is not in the source"),
])
def test_part4_changed_lunar_days_and_loan_ordinals_are_flagged(hindi, english, expected):
    assert expected in check_faithfulness(hindi, english).warnings()


@pytest.mark.parametrize("hindi, english", [
    ("जर्मन सांसद ने रूस में श्री स्नोडेन सेगुरुवार को मुलाकात की।", "A German MP met Mr Snowden in Russia on Thursday."),  # से गुरुवार
    ("26 नवम्बर 2008 को हमलावर नाव से पहुंचे।", "The attackers arrived by boat on Novemeber 26, 2008."),  # a misspelt month
])
def test_part4_glued_and_misspelt_dates_are_not_flagged(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()


@pytest.mark.parametrize("hindi, english, expected", [
    ("जर्मन सांसद ने रूस में श्री स्नोडेन सेगुरुवार को मुलाकात की।", "A German MP met Mr Snowden in Russia on Friday.",
     "date Thursday in the source is missing"),
    ("26 नवम्बर 2008 को हमलावर नाव से पहुंचे।", "The attackers arrived by boat on Decemeber 26, 2008.",
     "date December is not in the source"),
])
def test_part4_changed_glued_and_misspelt_dates_are_flagged(hindi, english, expected):
    assert expected in check_faithfulness(hindi, english).warnings()


@pytest.mark.parametrize("hindi, english", [
    ("इस सिंड्रोम के तीन क्लासिक लक्षण हैं।", "The syndrome has a classic triad of symptoms."),  # a number idiom
    ("पिछले दस साल में बिक्री बढ़ी।", "Sales rose over the past decade."),
])
def test_part4_number_idioms_are_not_flagged(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()


def test_part4_a_number_idiom_of_another_value_is_flagged():
    assert "number 10 in the source is missing" in check_faithfulness(
        "पिछले दस साल में बिक्री बढ़ी।", "Sales rose over the past century.").warnings()


# ---- Indian places of the grouping gazetteer are required ----------------------------------------

@pytest.mark.parametrize("hindi, english", [
    ("जम्मू में न्यूनतम तापमान 16.6 डिग्री सेल्सियस रिकॉर्ड किया गया।", "A minimum temperature of 16.6 degrees Celsius was recorded in Jammu."),
    ("परिजनों ने उन्हें मेरठ के अस्पताल में भर्ती कराया।", "The family admitted him to a hospital in Meerut."),
    ("अरबपति एम.पी. क्लाइव पामर ने यह कहा है।", "Billionaire MP Clive Palmer has said this."),  # एमपी: a member of parliament too
])
def test_indian_places_rendered_are_not_flagged(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()


@pytest.mark.parametrize("hindi, english, expected", [
    ("जम्मू में न्यूनतम तापमान 16.6 डिग्री सेल्सियस रिकॉर्ड किया गया।",
     "A minimum temperature of 16.6 degrees Celsius was recorded in Peter.", "entity जम्मू in the source is missing"),
    ("परिजनों ने उन्हें मेरठ के अस्पताल में भर्ती कराया।", "The family admitted him to a hospital in Forum.",
     "entity मेरठ in the source is missing"),
])
def test_an_indian_place_swapped_for_a_word_is_flagged(hindi, english, expected):
    assert expected in check_faithfulness(hindi, english).warnings()


# ---- Second development set (TICO-19): classes of false alarm on professional English->Hindi text --------

@pytest.mark.parametrize("hindi, english", [
    # codes joined by a hyphen or tilde are read as codes on both sides
    ("HCoV-229E और HCoV-OC43 दोनों विश्व भर में फैले हुए हैं।", "Both HCoV-229E and HCoV-OC43 are distributed globally."),
    ("कॉर्टिकोस्टेरॉइड और टोसिलिज़ुमाब, IL6-रोधी प्रतिरक्षी, उपयोग किए गए हैं।",
     "Corticosteroids and tocilizumab, an anti-IL6 antibody, have been used."),
    ("इनका nsp1~16 नाम है।", "They are designated nsp1~16."),
    ("WHO ने रोग कोड U07.1 निर्धारित किया।", "WHO assigned the disease code U07.1."),
    # a number with two scale words, and "a hundred and two"
    ("अमेरिका में 2 लाख 44 हज़ार से अधिक मामले दर्ज हुए।", "Over 244 thousand cases were recorded in the United States."),
    ("यदि आपको एक सौ दो डिग्री बुखार है", "if you have a fever of a hundred and two degrees"),
    # 42.000: a European writer's thousands
    ("सरकार ने 42,000 से अधिक प्रतिभागियों के साथ हैकथॉन किया।", "The government held a hackathon with more than 42.000 participants."),
    # web addresses state no number
    ("अध्ययन यहां है (https://mp.weixin.qq.com/s/UlBi-HX_rHPXa1qHA2bhdA)।", "The study is here (https://mp.weixin.qq.com/s/UlBi-HX_rHPXa1qHA2bhdA)."),
    # Roman numerals kept in Latin letters; "a third" as a fraction
    ("अमेरिका में चरण III परीक्षण चल रहे हैं।", "Phase III trials are under way in the US."),
    ("हाथ धोने से दस्त के मामले लगभग एक तिहाई तक कम हो सकते हैं।", "Hand washing can reduce diarrhoea by about a third."),
    # a part of the month makes मार्च the month
    ("प्रकोप मार्च के अंत तक समाप्त हो जाएगा।", "The outbreak will end by late March."),
    ("मध्य मार्च से ताइवान रोज़ मास्क बना रहा है।", "Taiwan has been making masks every day since mid-March."),
    # CLDR names that are common words (विश्व, यहूदी) are not required
    ("यह विश्व भर में फैला हुआ है।", "It is distributed globally."),
    ("यहूदी धर्म में हाथ धोना अनिवार्य है।", "Judaism mandates washing of hands."),
    # a plural acronym renders the acronym; a word of a two-word country name backs the English word
    ("CoV में बड़ा RNA जीनोम होता है।", "CoVs have a large RNA genome."),
    ("दक्षिण कोरिया में 186 पुष्ट मामले थे।", "South Korea had 186 confirmed cases."),
])
def test_tico_correct_translations_are_not_flagged(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()


@pytest.mark.parametrize("hindi, english, expected", [
    ("HCoV-229E और HCoV-OC43 दोनों फैले हुए हैं।", "Both HCoV-229E and HCoV-OC45 are widespread.", "number OC45 is not in the source"),
    ("WHO ने रोग कोड U07.1 निर्धारित किया।", "WHO assigned the disease code U07.5.", "number 5 is not in the source"),
    ("अमेरिका में 2 लाख 44 हज़ार से अधिक मामले दर्ज हुए।", "Over 204 thousand cases were recorded in the United States.",
     "number 244000 in the source is missing"),
    ("यदि आपको एक सौ दो डिग्री बुखार है", "if you have a fever of a hundred and four degrees", "number 102 in the source is missing"),
    ("सरकार ने 42,000 से अधिक प्रतिभागियों के साथ हैकथॉन किया।", "The government held a hackathon with more than 48.000 participants.",
     "number 42000 in the source is missing"),
    ("अमेरिका में चरण III परीक्षण चल रहे हैं।", "Phase IV trials are under way in the US.", "ordinal 4 is not in the source"),
    ("प्रकोप मार्च के अंत तक समाप्त हो जाएगा।", "The outbreak will end by late May.", "date March in the source is missing"),
    ("दक्षिण कोरिया में 186 पुष्ट मामले थे।", "South Africa had 186 confirmed cases.", "entity Africa is not in the source"),
])
def test_tico_errors_are_still_flagged(hindi, english, expected):
    warnings = check_faithfulness(hindi, english).warnings()
    assert expected in warnings, warnings


@pytest.mark.parametrize("hindi, english", [
    # dictionary words linked by "and" to another one: a name made of words
    ("अमेरिकी रोग नियंत्रण एवं रोकथाम केंद्र ने अध्ययन प्रकाशित किया।",
     "The US Center for Disease Control and Prevention published a study."),
    # a two-word name whose words each sound like their Hindi word, one of them a common word (अरब, "billion")
    ("2012 में सऊदी अरब में प्रकोप देखा गया और अस्वस्थता बढ़ी।", "An outbreak was seen in Saudi Arabia in 2012 and morbidity rose."),
    # peoples and creeds named with Hindi words of their own
    ("वेटिकन ने लेंट के ईसाई सत्र के कार्यक्रम रद्द कर दिए।", "The Vatican cancelled the events of the Christian season of Lent."),
    ("फ्लोरेंस नाइटिंगेल, अंग्रेज जो आधुनिक नर्सिंग की संस्थापक हैं।", "Florence Nightingale, the English founder of modern nursing."),
    # after a dash or a bracket a capitalized word opens a phrase (a glossary line, a subject line)
    ("वैश्वीकरण और रोग - वैश्वीकरण और रोग संचरण का अवलोकन", "Globalization and disease – Overview of globalization and disease transmission"),
    # negations of no fact: "few or no" (के साथ या बिना), "don't hesitate" (निःसंकोच), "recommend against" (न करने की अनुशंसा)
    ("इस रोग का कुछ लक्षणों के साथ या बिना एक हल्का प्रक्रियाक्रम हो सकता है।", "The disease may take a mild course with few or no symptoms."),
    ("कृपया निःसंकोच CRT को सूचित करें।", "Please don’t hesitate to notify the CRT."),
    ("कुछ प्राधिकरण उनका उपयोग न करने की अनुशंसा करते हैं।", "Some authorities recommend against their use."),
])
def test_tico_names_of_words_creeds_and_negation_formulas_are_not_flagged(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()


@pytest.mark.parametrize("hindi, english, expected", [
    ("भारत ने फ्रांस से 36 राफेल लड़ाकू विमान खरीदे।", "India bought 36 Mirage and Rafale fighter jets from France.",
     "entity Mirage is not in the source"),  # "and" next to a name, not a dictionary word
    ("2012 में सऊदी अरब में प्रकोप देखा गया।", "An outbreak was seen in Saudi Sudan in 2012.", "entity Sudan is not in the source"),
    ("वेटिकन ने लेंट के ईसाई सत्र के कार्यक्रम रद्द कर दिए।", "The Vatican cancelled the events of the Muslim season of Lent.",
     "entity Muslim is not in the source"),
    ("इस रोग में लक्षण हो सकते हैं।", "The disease may have no symptoms.", "negation negation is not in the source"),
])
def test_tico_changed_names_and_negations_are_flagged(hindi, english, expected):
    warnings = check_faithfulness(hindi, english).warnings()
    assert expected in warnings, warnings


# ---- The sentence makes a dictionary word a name: after an honorific or a royal title --------------

@pytest.mark.parametrize("hindi, english, expected", [
    ("परन्तु मि. ओसबॉर्न से अंतिम निर्णय की प्रतीक्षा कर रहा है।", "But it is awaiting a final decision from Mr Seth.",
     "entity Seth is not in the source"),
    ("इसे 1444 में राजा सेजौंग के काल में बनाया गया था।", "It was invented in 1444 during the reign of King Bureau.",
     "entity Bureau is not in the source"),
])
def test_a_dictionary_word_after_an_honorific_is_checked_as_a_name(hindi, english, expected):
    warnings = check_faithfulness(hindi, english).warnings()
    assert expected in warnings, warnings


@pytest.mark.parametrize("hindi, english", [
    ("परन्तु मि. ओसबॉर्न से अंतिम निर्णय की प्रतीक्षा कर रहा है।", "But it is awaiting a final decision from Mr Osborne."),
    ("आज पांच वर्ष पश्चात राष्ट्रपति महोदय मैं आपसे सहमत हूं।", "It's five years later, Mr. President, and I agree with you."),
])
def test_an_honorific_before_a_rendered_name_or_an_office_is_not_flagged(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()


@pytest.mark.parametrize("hindi, english, expected", [
    ("बाद में डुक्पा ने कहा कि वे बिना आमंत्रण के समारोह में आए।", "Later on, Bell said he came to the function without an invitation.",
     "entity Bell is not in the source"),
    ("डुक्पा ने कहा कि उन्हें फूड कंट्रोलर ने आमंत्रित किया है।", "\"I was invited by the Food Controller,\" said Bell.",
     "entity Bell is not in the source"),
])
def test_a_dictionary_word_that_says_something_is_checked_as_a_name(hindi, english, expected):
    warnings = check_faithfulness(hindi, english).warnings()
    assert expected in warnings, warnings


@pytest.mark.parametrize("hindi, english", [
    ("ऊर्जा विभाग ने बुधवार को कहा कि अमेरिकी आपूर्ति बढ़ी है।", "The Energy Department said Wednesday that U.S. supplies increased."),
    ("संयुक्त राष्ट्र ने बुधवार को यह कहा।", "The United Nations said this on Wednesday."),
    ("अरबपति क्लाइव पामर ने कहा है कि प्रधानमंत्री टोनी एबॉट का हित संघर्ष है।",
     "Billionaire Clive Palmer says Prime Minister Tony Abbott has a conflict of interest."),
    # "mild or no symptoms" said with नहीं
    ("यह शुरुआती चरण में हल्के या कोई भी लक्षण उत्पन्न नहीं करता है।", "It causes mild or no symptoms in the early phase."),
])
def test_an_institution_or_office_that_says_something_is_not_flagged(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()
