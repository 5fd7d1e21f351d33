"""English stop words: NLTK's list (BSD licence), plus words that only shape a question.

Kept as data here rather than downloaded: NLTK fetches its corpora at run time, which an
offline bot cannot do. Apostrophes are dropped, as the analyzer splits contractions.
"""

NLTK_ENGLISH = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against between
    into through during before after above below to from up down in out on off over under again
    further then once here there when where why how all any both each few more most other some
    such no nor not only own same so than too very s t can will just don should now d ll m o re
    ve y ain aren couldn didn doesn hadn hasn haven isn ma mightn mustn needn shan shouldn wasn
    weren won wouldn
    """.split()
)

# Words that frame a question rather than ask it: "could you tell me how many ...",
# "whose health ...", "according to To Lam, what ...", "dear bot, kindly tell me".
# Apostrophes are often left out when typing on a phone: "whats", "wheres".
QUESTION_FRAMING = frozenset(
    "many much also please tell would could whether whats wheres whos hows whens whys whose "
    "according hi hello hey dear bot kindly "
    # hedges: "who does it mainly look after" asks what "who does it look after" asks
    "mainly mostly primarily chiefly largely basically actually really "
    # "who is it meant to look after", "what is it supposed to do": what it does
    "meant supposed "
    # what a post adds around its question: "ngl curious what ...", "omg", "tbh"
    # the formal English of officials: "what ought patients to ...", "the aforementioned"
    "ought aforementioned aforesaid abovementioned "
    "ngl tbh omg lol lmao idk imo imho smh btw fyi fr wow curious wondering".split())

ENGLISH = NLTK_ENGLISH | QUESTION_FRAMING

# The words that open a question for something, and the same as a regex alternation: what a
# question asks, whether a message asks at all, and where a second question is joined on.
QUESTION_WORDS = ("what", "which", "who", "whom", "whose", "when", "where", "why", "how")
QUESTION_WORD = "(?:" + "|".join(QUESTION_WORDS) + ")"
