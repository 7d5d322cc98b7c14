<map version="1.0.1">
<!-- To view this file, download free mind mapping software FreeMind from http://freemind.sourceforge.net -->
<node CREATED="1742917200412" ID="ID_1482931000" MODIFIED="1743592080412" TEXT="Almo&#xe7;o Comandante ter 25/3">
<font NAME="SansSerif" SIZE="14"/>
<node CREATED="1742917500412" ID="ID_1482931037" MODIFIED="1742917500412" POSITION="right" TEXT="Contexto">
<node CREATED="1742917500412" ID="ID_1482931074" MODIFIED="1742917500412" TEXT="fez 72 anos semana passada, bolo da dona L&#xfa;cia">
</node>
<node CREATED="1742917500412" ID="ID_1482931111" MODIFIED="1742917500412" TEXT="1977: primeiro voo como copiloto, Electra na ponte a&#xe9;rea">
</node>
<node CREATED="1742917500412" ID="ID_1482931148" MODIFIED="1742917500412" TEXT="I told him about the OCC vacancy (2o semestre)">
</node>
</node>
<node CREATED="1742917500412" ID="ID_1482931185" MODIFIED="1742917500412" POSITION="right" TEXT="Conselhos">
<node CREATED="1742917500412" ID="ID_1482931222" MODIFIED="1742917500412" TEXT="OCC is place for who can stand not being loved. If you need applause, stay in engineering">
</node>
<node CREATED="1742917500412" ID="ID_1482931259" MODIFIED="1742917500412" TEXT="Before going, learn to read a crew roster &#x2013; RBAC 117 by heart">
</node>
<node CREATED="1742917500412" ID="ID_1482931296" MODIFIED="1742917500412" TEXT="Talk with dispatcher, not only with manager">
</node>
</node>
<node CREATED="1742917500412" ID="ID_1482931333" MODIFIED="1742917500412" POSITION="left" TEXT="TODO">
<node CREATED="1742917500412" ID="ID_1482931370" MODIFIED="1742917500412" TEXT="Study RBAC 117 (jornada) &#x2013; summary of 1 page">
<icon BUILTIN="button_ok"/>
</node>
<node CREATED="1742917500412" ID="ID_1482931407" MODIFIED="1742917500412" TEXT="Ask to follow 1 night with operational dispatch">
</node>
<node CREATED="1742917500412" ID="ID_1482931444" MODIFIED="1742917500412" TEXT="Read &apos;Turn the Ship Around&apos; (Marquet)">
</node>
</node>
<node CREATED="1742917500412" ID="ID_1482931481" MODIFIED="1742917500412" POSITION="left" TEXT="Ele vai">
<node CREATED="1742917500412" ID="ID_1482931518" MODIFIED="1742917500412" TEXT="lend me the OCC manual of Transbrasil from 1999 (rel&#xed;quia!)">
</node>
</node>
</node>
</map>
