"""Stop words of the app's languages (de, en, tr, ar, uk, ru), plus words that carry no
meaning on an idea wall ("mehr", "sollen", "brauchen"). Written for short idea cards, so
the lists favour function words and the verbs of wishing over completeness."""

GERMAN = """
aber alle allem allen aller alles als also am an ander andere anderen andern anders auch auf
aus bei beim bin bis bisher bitte bzw da dabei dadurch dafür dagegen daher damit dann dar
daran darauf darin darum das dass daß dein deine dem den denen denn der deren des deshalb dessen
die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines
einige einigen einmal er es etwa etwas euch euer für gegen gibt gab ganz gar gern gerne geben
gehen gut habe haben hat hatte hätte hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren
ihrer im immer in ins ist ja jede jedem jeden jeder jedes jetzt kann kein keine keinem keinen
keiner können könnte machen man manche mehr mein meine mit muss müssen musste nach nicht nichts
noch nun nur ob oder ohne sehr sein seine seinem seinen seiner sich sie sind so soll sollen
sollte sollten sondern sowie statt über um und uns unser unsere unter viel viele vom von vor
wann war waren warum was weil weiter welche welchem welchen welcher wenn wer werden wie wieder
will wir wird wo wollen wäre würde würden zu zum zur zwar zwischen wünschen wünsche wunsch
brauchen braucht bräuchte fehlt fehlen es mal endlich bessere besser besseren neue neuen neuer
neues schaffen geben gibt zb z.b beispiel beispielsweise etc usw bitte mehrere weniger wäre
sowas damit dafür darf dürfen könnten möglich möglichst wichtig
"""

ENGLISH = """
a about above after again all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers him his how i if in into is it its itself just let me
more most my no nor not now of off on once only or other our ours out over own same she
should so some such than that the their theirs them then there these they this those
through to too under until up very was we were what when where which while who whom why will
with would you your yours need needs want wants like please better new get make many much
"""

TURKISH = """
acaba ama ancak bana bazı belki ben benim beri bile bir biraz birçok birkaç biz bize bizim bu
buna bunu bunun burada çok çünkü da daha de defa diye en gibi göre hem hep her hiç için ile
ise kadar ki kim mi mu mü mı ne neden nerede niçin o olan olarak oldu olmak olmalı olsun on
ona onu onun sen siz şey şu tüm ve veya ya yani yok var daha fazla gerek gerekli lazım
istiyoruz olmalıdır edilmeli yapılmalı
"""

ARABIC = """
في من على إلى عن مع هذا هذه ذلك تلك التي الذي الذين هو هي هم نحن أنا أنت كان كانت يكون
أن إن لا لم لن ما ماذا كل بعض أو ثم قد لقد بين عند حتى أي كما إذا لكن أيضا أكثر المزيد
يجب نريد يمكن و ب ل ف
"""

UKRAINIAN = """
і й та але а або в у на з із зі до для від по при про під над що як це ці цей ця той та ті
їх його її він вона вони ми ви я ти не ні так також бути є був була було були має мають
можна треба потрібно потрібен більше дуже щоб які який яка яке які
"""

RUSSIAN = """
и в во на с со к ко до для от по при про под над о об что как это эти этот эта то та те
их его ее её он она они мы вы я ты не ни так также быть есть был была было были имеет
можно нужно надо нужен больше очень чтобы какие какой какая какое а но или же ли
"""

STOP_WORDS = frozenset(
    word.strip().lower()
    for block in (GERMAN, ENGLISH, TURKISH, ARABIC, UKRAINIAN, RUSSIAN)
    for word in block.split()
)
