<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>podlab::MainWindow</name>
    <message>
        <location filename="../../app/mainwindow.cpp" line="116"/>
        <location filename="../../app/mainwindow.cpp" line="181"/>
        <source>PodLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="117"/>
        <source>%1 — PodLab</source>
        <comment>file name — application</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="118"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="119"/>
        <source>&amp;Open Manifest…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="120"/>
        <source>Show the &amp;Example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="121"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="122"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="123"/>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="124"/>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="125"/>
        <source>&amp;Actual Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="126"/>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="127"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="128"/>
        <source>&amp;About PodLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="129"/>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="181"/>
        <source>The bundled example is missing from this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="198"/>
        <location filename="../../app/mainwindow.cpp" line="218"/>
        <source>Open Manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="198"/>
        <source>Cannot open %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="218"/>
        <source>Kubernetes manifests (*.yaml *.yml *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="235"/>
        <source>About PodLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="236"/>
        <source>&lt;h2&gt;PodLab %1&lt;/h2&gt;&lt;p&gt;A Kubernetes cluster in a bottle, for teaching.&lt;/p&gt;&lt;p&gt;PodLab reads manifests as the Kubernetes API server does: it checks them, shows each problem where it is, and shows the objects as the API server would store them, defaults filled in. Nothing here touches a real cluster.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>podlab::ManifestView</name>
    <message>
        <location filename="../../views/manifestview.cpp" line="130"/>
        <source>Manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/manifestview.cpp" line="130"/>
        <source>%1 (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/manifestview.cpp" line="131"/>
        <source>The manifest as written. Problems are marked on their lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/manifestview.cpp" line="132"/>
        <source>As Stored, with Defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/manifestview.cpp" line="134"/>
        <source>Nothing to show: the API server would store no object from this manifest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/manifestview.cpp" line="136"/>
        <source>The objects as the API server would store them, every default filled in: what kubectl get -o yaml shows.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>podlab::ValidationView</name>
    <message>
        <location filename="../../views/validationview.cpp" line="266"/>
        <source>Line %1: %2 “%3” is valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/validationview.cpp" line="269"/>
        <source>Line %1, column %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/validationview.cpp" line="269"/>
        <source>Line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../views/validationview.cpp" line="271"/>
        <source>%1: %2</source>
        <comment>position: field path</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/validationview.cpp" line="287"/>
        <source>The API server would reject this manifest: %n problem(s).</source>
        <translation>
            <numerusform>The API server would reject this manifest: %n problem.</numerusform>
            <numerusform>The API server would reject this manifest: %n problems.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/validationview.cpp" line="289"/>
        <source>Valid: the API server would accept %n object(s).</source>
        <translation>
            <numerusform>Valid: the API server would accept %n object.</numerusform>
            <numerusform>Valid: the API server would accept %n objects.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../views/validationview.cpp" line="291"/>
        <source>This file holds no Kubernetes objects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/validationview.cpp" line="293"/>
        <source>%n warning(s).</source>
        <translation>
            <numerusform>%n warning.</numerusform>
            <numerusform>%n warnings.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../views/validationview.cpp" line="304"/>
        <source>Problems are worded as the Kubernetes API server words them, so they match what kubectl prints. Click one to see it in the manifest.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
