<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>Time for a posture break: {name}</source>
        <translation>Zeit für eine Bewegungspause: {name}</translation>
    </message>
    <message>
        <source>Heat Timer could not change the desktop&apos;s files: {error}</source>
        <translation>Heat Timer konnte die Dateien der Arbeitsumgebung nicht ändern: {error}</translation>
    </message>
    <message>
        <source>Quit Heat Timer?

{warning}</source>
        <translation>Heat Timer beenden?

{warning}</translation>
    </message>
    <message>
        <source>Cleared by a professional</source>
        <translation>Von einer Fachperson freigegeben</translation>
    </message>
    <message>
        <source>Record the clearance</source>
        <translation>Freigabe eintragen</translation>
    </message>
    <message>
        <source>Injury log checked</source>
        <translation>Verletzungsprotokoll geprüft</translation>
    </message>
    <message>
        <source>Lift the hold</source>
        <translation>Sperre aufheben</translation>
    </message>
</context>
<context>
    <name>BreakPopup</name>
    <message>
        <source>About {seconds} s</source>
        <translation>Etwa {seconds} s</translation>
    </message>
    <message>
        <source>About {minutes} min</source>
        <translation>Etwa {minutes} Min.</translation>
    </message>
    <message>
        <source>Posture break — Heat Timer</source>
        <translation>Bewegungspause — Heat Timer</translation>
    </message>
    <message>
        <source>Time for a posture break</source>
        <translation>Zeit für eine Bewegungspause</translation>
    </message>
    <message>
        <source>Start the exercise now (Enter)</source>
        <translation>Die Übung jetzt beginnen (Eingabetaste)</translation>
    </message>
    <message>
        <source>Remind me in a few minutes (Esc)</source>
        <translation>In ein paar Minuten erinnern (Esc)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Finished early</source>
        <translation>Früher fertig</translation>
    </message>
    <message>
        <source>{time} left: keep going</source>
        <translation>Noch {time}: weitermachen</translation>
    </message>
</context>
<context>
    <name>Coach</name>
    <message>
        <source>Break now</source>
        <translation>Jetzt Pause</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Aussetzen</translation>
    </message>
    <message>
        <source>Recovery: {phase}</source>
        <translation>Erholung: {phase}</translation>
    </message>
    <message>
        <source>Recovery: {phase} · day {day}</source>
        <translation>Erholung: {phase} · Tag {day}</translation>
    </message>
    <message>
        <source>Exercises: {names}</source>
        <translation>Übungen: {names}</translation>
    </message>
    <message>
        <source>Exercises for every day: {names}</source>
        <translation>Übungen für jeden Tag: {names}</translation>
    </message>
    <message>
        <source>Next: {phase} from {time} (in {span})</source>
        <translation>Als Nächstes: {phase} ab {time} (in {span})</translation>
    </message>
    <message>
        <source>Posture breaks are off (Settings).</source>
        <translation>Bewegungspausen sind aus (Einstellungen).</translation>
    </message>
    <message>
        <source>Posture breaks paused until {time}.</source>
        <translation>Bewegungspausen ausgesetzt bis {time}.</translation>
    </message>
    <message>
        <source>Posture breaks start when you sit down.</source>
        <translation>Bewegungspausen beginnen, sobald du dich hinsetzt.</translation>
    </message>
    <message>
        <source>A posture break is due.</source>
        <translation>Eine Bewegungspause ist fällig.</translation>
    </message>
    <message>
        <source>Next posture break at {time}.</source>
        <translation>Nächste Bewegungspause um {time}.</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>The plug is busy: try again in a moment.</source>
        <translation>Die Steckdose ist beschäftigt: Versuch es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>Etwas ist schiefgegangen: {error}</translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <source>MIT licence</source>
        <translation>MIT-Lizenz</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <source>Welcome to Heat Timer</source>
        <translation>Willkommen bei Heat Timer</translation>
    </message>
    <message>
        <source>The safety rules it keeps</source>
        <translation>Die Sicherheitsregeln, die es einhält</translation>
    </message>
    <message>
        <source>Where it lives</source>
        <translation>Wo es zu finden ist</translation>
    </message>
    <message>
        <source>Your choices (Settings changes them later):</source>
        <translation>Deine Wahl (später in den Einstellungen änderbar):</translation>
    </message>
    <message>
        <source>Posture breaks, after sitting for</source>
        <translation>Bewegungspausen, nach Sitzen von</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Start Heat Timer when I log in (in the tray)</source>
        <translation>Heat Timer bei der Anmeldung starten (im Infobereich)</translation>
    </message>
    <message>
        <source>Start Heat Timer when I log in</source>
        <translation>Heat Timer bei der Anmeldung starten</translation>
    </message>
    <message>
        <source>Add Heat Timer to the application menu</source>
        <translation>Heat Timer ins Anwendungsmenü aufnehmen</translation>
    </message>
    <message>
        <source>Start using Heat Timer</source>
        <translation>Heat Timer verwenden</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Über</translation>
    </message>
    <message>
        <source>Your data: {folder}</source>
        <translation>Deine Daten: {folder}</translation>
    </message>
</context>
<context>
    <name>HeatSwitch</name>
    <message>
        <source>Heat switch — Heat Timer</source>
        <translation>Wärmeschalter — Heat Timer</translation>
    </message>
    <message>
        <source>Plug the belt into a smart plug, and Heat Timer switches it: on at Start, with the plug&apos;s own timer set to cut the power at the session&apos;s end, even if this computer sleeps or crashes.</source>
        <translation>Steck den Gürtel in eine smarte Steckdose, und Heat Timer schaltet ihn: an beim Start, mit dem eigenen Timer der Steckdose so gestellt, dass er den Strom am Ende der Anwendung abschaltet, auch wenn dieser Computer schläft oder abstürzt.</translation>
    </message>
    <message>
        <source>Plug</source>
        <translation>Steckdose</translation>
    </message>
    <message>
        <source>e.g. 192.168.1.20</source>
        <translation>z. B. 192.168.1.20</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>no password</source>
        <translation>kein Passwort</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>e.g. tasmota_85A970</source>
        <translation>z. B. tasmota_85A970</translation>
    </message>
    <message>
        <source>Topic or name</source>
        <translation>Topic oder Name</translation>
    </message>
    <message>
        <source>no user</source>
        <translation>kein Benutzer</translation>
    </message>
    <message>
        <source>Broker user</source>
        <translation>Benutzer am Broker</translation>
    </message>
    <message>
        <source>State topic</source>
        <translation>Zustands-Topic</translation>
    </message>
    <message>
        <source>{seconds} stands for the plug&apos;s own off timer</source>
        <translation>{seconds} steht für den eigenen Ausschalt-Timer der Steckdose</translation>
    </message>
    <message>
        <source>On payload</source>
        <translation>Nutzlast für an</translation>
    </message>
    <message>
        <source>Off payload</source>
        <translation>Nutzlast für aus</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Say where the plug is: its address.</source>
        <translation>Gib an, wo die Steckdose ist: ihre Adresse.</translation>
    </message>
    <message>
        <source>Say which device on the broker: its topic.</source>
        <translation>Gib an, welches Gerät am Broker: sein Topic.</translation>
    </message>
    <message>
        <source>Not while a session runs: change the plug after it.</source>
        <translation>Nicht während eine Anwendung läuft: Ändere die Steckdose danach.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>History chart</source>
        <translation>Verlaufsdiagramm</translation>
    </message>
    <message>
        <source>History — Heat Timer</source>
        <translation>Verlauf — Heat Timer</translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation>{days} Tage</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Als CSV exportieren…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>Als JSON exportieren…</translation>
    </message>
    <message>
        <source>The history cannot be read now.</source>
        <translation>Der Verlauf kann gerade nicht gelesen werden.</translation>
    </message>
    <message>
        <source>heattimer-history-{days}-days</source>
        <translation>heattimer-verlauf-{days}-tage</translation>
    </message>
    <message>
        <source>Export the last {days} days</source>
        <translation>Die letzten {days} Tage exportieren</translation>
    </message>
    <message>
        <source>Could not write {file}: {error}.</source>
        <translation>{file} konnte nicht geschrieben werden: {error}.</translation>
    </message>
</context>
<context>
    <name>Injury</name>
    <message>
        <source>Log injury — Heat Timer</source>
        <translation>Verletzung eintragen — Heat Timer</translation>
    </message>
    <message>
        <source>Heat is blocked for 48 hours from when the injury happened; cold is offered instead.</source>
        <translation>Wärme ist ab dem Zeitpunkt der Verletzung 48 Stunden lang gesperrt; stattdessen wird Kälte angeboten.</translation>
    </message>
    <message>
        <source>Just now</source>
        <translation>Gerade eben</translation>
    </message>
    <message>
        <source>Earlier:</source>
        <translation>Früher:</translation>
    </message>
    <message>
        <source>When it happened, if earlier</source>
        <translation>Wann es passiert ist, falls früher</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy  HH:mm</source>
        <translation>ddd d. MMM yyyy  HH:mm</translation>
    </message>
    <message>
        <source>When it happened</source>
        <translation>Wann es passiert ist</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>e.g. deadlifts, felt a twinge</source>
        <translation>z. B. Kreuzheben, ein Ziehen gespürt</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Any of these? Then see a physical therapist or physician first</source>
        <translation>Trifft etwas davon zu? Dann zuerst zu einer Physiotherapeutin, einem Physiotherapeuten, einer Ärztin oder einem Arzt</translation>
    </message>
    <message>
        <source>With any of these, heat stays on hold until you record a professional&apos;s clearance, even after 48 hours.</source>
        <translation>Trifft etwas davon zu, bleibt Wärme gesperrt, bis du die Freigabe durch eine Fachperson einträgst, auch nach 48 Stunden.</translation>
    </message>
</context>
<context>
    <name>InjuryLog</name>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>Red flags</source>
        <translation>Warnzeichen</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Injury log — Heat Timer</source>
        <translation>Verletzungsprotokoll — Heat Timer</translation>
    </message>
    <message>
        <source>Injuries logged</source>
        <translation>Eingetragene Verletzungen</translation>
    </message>
    <message>
        <source>Log injury…</source>
        <translation>Verletzung eintragen…</translation>
    </message>
    <message>
        <source>Remove as logged by mistake…</source>
        <translation>Als Irrtum entfernen…</translation>
    </message>
    <message>
        <source>Cleared by a professional…</source>
        <translation>Von einer Fachperson freigegeben…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Remove injury</source>
        <translation>Verletzung entfernen</translation>
    </message>
    <message>
        <source>Remove it</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Cleared by a professional</source>
        <translation>Von einer Fachperson freigegeben</translation>
    </message>
    <message>
        <source>Record the clearance</source>
        <translation>Freigabe eintragen</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Heat session length</source>
        <translation>Länge einer Wärmeanwendung</translation>
    </message>
    <message>
        <source>Heat sessions a day</source>
        <translation>Wärmeanwendungen pro Tag</translation>
    </message>
    <message>
        <source>Cool-down between heat sessions</source>
        <translation>Abkühlpause zwischen Wärmeanwendungen</translation>
    </message>
    <message>
        <source>Cold session length</source>
        <translation>Länge einer Kälteanwendung</translation>
    </message>
    <message>
        <source>Posture break after sitting</source>
        <translation>Bewegungspause nach Sitzen von</translation>
    </message>
    <message>
        <source>Away time that restarts the sitting clock</source>
        <translation>Abwesenheit, nach der die Sitzzeit neu beginnt</translation>
    </message>
    <message>
        <source>Remind me to take posture breaks</source>
        <translation>An Bewegungspausen erinnern</translation>
    </message>
    <message>
        <source>A notice {seconds} s before each posture break</source>
        <translation>Ein Hinweis {seconds} s vor jeder Bewegungspause</translation>
    </message>
    <message>
        <source>Chime when a cold session ends (the end alarm always chimes)</source>
        <translation>Signalton am Ende einer Kälteanwendung (der Endalarm klingt immer)</translation>
    </message>
    <message>
        <source>Breaks only in work hours</source>
        <translation>Bewegungspausen nur in der Arbeitszeit</translation>
    </message>
    <message>
        <source>Start Heat Timer when I log in (in the tray)</source>
        <translation>Heat Timer bei der Anmeldung starten (im Infobereich)</translation>
    </message>
    <message>
        <source>Settings — Heat Timer</source>
        <translation>Einstellungen — Heat Timer</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>any time (e.g. Mon-Fri 09:00-18:00)</source>
        <translation>jederzeit (z. B. Mo-Fr 09:00-18:00)</translation>
    </message>
    <message>
        <source>Heat switch…</source>
        <translation>Wärmeschalter…</translation>
    </message>
    <message>
        <source>Smart plug for the belt</source>
        <translation>Smarte Steckdose für den Gürtel</translation>
    </message>
    <message>
        <source>Away time is noticed through: {name}.</source>
        <translation>Abwesenheit wird erkannt über: {name}.</translation>
    </message>
    <message>
        <source>This desktop does not tell Heat Timer when you are away from the keyboard, so all time counts as sitting (a suspend still counts as away).</source>
        <translation>Diese Arbeitsumgebung teilt Heat Timer nicht mit, wann du nicht an der Tastatur bist; daher zählt alle Zeit als Sitzen (ein Ruhezustand zählt weiterhin als Abwesenheit).</translation>
    </message>
    <message>
        <source>{setting}: {error}</source>
        <translation>{setting}: {error}</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Other lengths and warm-ups</source>
        <translation>Andere Längen und Aufwärmen</translation>
    </message>
    <message>
        <source>Pause posture breaks</source>
        <translation>Bewegungspausen aussetzen</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>Help…</source>
        <translation>Hilfe…</translation>
    </message>
    <message>
        <source>Open Heat Timer</source>
        <translation>Heat Timer öffnen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>Window</name>
    <message>
        <source>Cold first</source>
        <translation>Erst Kälte</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Done today</source>
        <translation>Für heute fertig</translation>
    </message>
    <message>
        <source>Cool-down</source>
        <translation>Abkühlpause</translation>
    </message>
    <message>
        <source>How Heat Timer works…</source>
        <translation>So funktioniert Heat Timer…</translation>
    </message>
    <message>
        <source>Welcome and safety rules…</source>
        <translation>Willkommen und Sicherheitsregeln…</translation>
    </message>
    <message>
        <source>About Heat Timer…</source>
        <translation>Über Heat Timer…</translation>
    </message>
    <message>
        <source>More…</source>
        <translation>Mehr…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
    <message>
        <source>warm-up heat · ends {time}</source>
        <translation>Aufwärmen · endet {time}</translation>
    </message>
    <message>
        <source>heat · ends {time}</source>
        <translation>Wärme · endet {time}</translation>
    </message>
    <message>
        <source>cold · ends {time}</source>
        <translation>Kälte · endet {time}</translation>
    </message>
    <message>
        <source>for {minutes} min of heat</source>
        <translation>für {minutes} Min. Wärme</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>heat at {time}</source>
        <translation>Wärme ab {time}</translation>
    </message>
    <message>
        <source>Today  {dots}  {used} used</source>
        <translation>Heute  {dots}  {used} genutzt</translation>
    </message>
</context>
</TS>
